import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RequestHandler } from 'express';
import type { IngestTokens } from './ingest-tokens.js';

/**
 * The ingest token: INGEST_TOKEN if set, else the one kept in DATA_DIR/ingest-token (made on
 * first start, readable only by its owner).
 */
export function resolveIngestToken(
  configured: string | undefined,
  dataDir: string,
): { token: string; file: string | null; created: boolean } {
  if (configured) return { token: configured, file: null, created: false };
  const file = resolve(join(dataDir, 'ingest-token'));
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token.length >= 16) return { token, file, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file, created: true };
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ \t]+(\S{1,1024})[ \t]*$/i.exec(header ?? '');
  return m?.[1];
}

const UNAUTHORIZED_BODY = {
  error: { code: 'UNAUTHORIZED', message: 'missing or wrong bearer token (see INGEST_TOKEN)' },
} as const;

/**
 * Requires an ingest token (`Authorization: Bearer <token>`). A missing, unknown or wrong token
 * gets the same 401 after the same work; a valid one puts its credential in res.locals.credential.
 */
export function requireIngestToken(tokens: IngestTokens, onReject: () => void): RequestHandler {
  return (req, res, next) => {
    const credential = tokens.verify(bearerToken(req.get('authorization')));
    if (credential) {
      res.locals.credential = credential;
      return next();
    }
    onReject();
    res.status(401).set('WWW-Authenticate', 'Bearer realm="tickerwire-ingest"').json(UNAUTHORIZED_BODY);
  };
}

/** True when `presented` is `expected`, compared in constant time (hashes of both sides). */
export function sameSecret(presented: string | undefined, expected: string): boolean {
  return timingSafeEqual(digest(presented ?? ''), digest(expected)) && presented !== undefined;
}

/** The viewer token of a request: `Authorization: Bearer <token>`, else `?token=`. */
export function viewerTokenOf(authorization: string | undefined, query: unknown): string | undefined {
  const fromHeader = bearerToken(authorization);
  if (fromHeader) return fromHeader;
  const q = (query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' && q.length <= 1024 ? q : undefined;
}

/**
 * Requires the viewer token (or, for /metrics, the metrics token) when one is configured; open
 * otherwise. A missing or wrong token gets 401 with a message the page can show.
 */
export function requireViewer(expected: string | undefined, realm = 'tickerwire'): RequestHandler {
  return (req, res, next) => {
    if (expected === undefined || sameSecret(viewerTokenOf(req.get('authorization'), req.query), expected))
      return next();
    res
      .status(401)
      .set('WWW-Authenticate', `Bearer realm="${realm}"`)
      .json({ error: { code: 'UNAUTHORIZED', message: VIEWER_TOKEN_MESSAGE } });
  };
}

/** What a page without the viewer token is told (REST and socket alike). */
export const VIEWER_TOKEN_MESSAGE =
  'This screen needs a viewer token: open it with ?token=<VIEW_TOKEN> in its address.';

/**
 * A browser page may open a socket from the server's own origin or an allowed one; a client
 * that sends no Origin is not a browser page (a script, a service) and is let through.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (host && url.host === host) return true;
  return allowed.includes(url.origin);
}
