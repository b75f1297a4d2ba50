import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RequestHandler } from 'express';

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

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Requires `Authorization: Bearer <token>`; compares in constant time. */
export function requireBearer(token: string, onReject: () => void): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const m = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (m?.[1] && timingSafeEqual(digest(m[1].trim()), expected)) return next();
    onReject();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="tickerwire-ingest"')
      .json({ error: { code: 'UNAUTHORIZED', message: 'missing or wrong bearer token (see INGEST_TOKEN)' } });
  };
}

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
