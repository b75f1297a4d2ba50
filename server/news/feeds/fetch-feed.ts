import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import {
  AddressRefused,
  checkLiteralHost,
  guardedLookup,
  type Resolver,
  systemResolver,
} from './address-guard.js';

export interface FetchFeedOptions {
  url: string;
  /** Validators of the last answer, sent back as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs: number;
  userAgent: string;
  /** Allow private, loopback and link-local addresses (tests, intranet feeds). */
  allowPrivate: boolean;
  /** Largest body accepted, after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** DNS for the connection (tests answer from a table). */
  resolver?: Resolver;
  /** Aborts the request (the server is stopping). */
  signal?: AbortSignal;
}

export type FetchFeedResult =
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null; url: string }
  | { status: 'not-modified'; etag: string | null; lastModified: string | null };

export type FetchErrorCode = 'http' | 'timeout' | 'refused' | 'network' | 'too-large' | 'redirect';

export class FeedFetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly status?: number,
    /** The server asked us to wait this long (Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const MAX_BYTES = 5 * 1024 * 1024;

function header(res: IncomingMessage, name: string): string | null {
  const v = res.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** Retry-After as seconds or an HTTP date, in ms (at most a day). */
export function retryAfterMs(raw: string | null, now = Date.now()): number | undefined {
  if (!raw) return undefined;
  const ms = /^\d+$/.test(raw.trim()) ? Number(raw) * 1000 : Date.parse(raw) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 86_400_000) : undefined;
}

/** The body's text: the charset of Content-Type, else of the XML declaration, else UTF-8. */
function decode(bytes: Buffer, contentType: string | null): string {
  const fromHeader = /charset="?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  const fromXml = /^\s*<\?xml[^>]*encoding=["']([\w.:-]+)/i.exec(
    bytes.subarray(0, 200).toString('latin1'),
  )?.[1];
  const label = fromHeader ?? fromXml ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function decompressed(res: IncomingMessage): Readable {
  const encoding = header(res, 'content-encoding')?.toLowerCase().trim();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(createGunzip());
  if (encoding === 'deflate') return res.pipe(createInflate());
  if (encoding === 'br') return res.pipe(createBrotliDecompress());
  return res;
}

/** One GET, no redirect followed. */
function get(url: URL, opts: FetchFeedOptions, signal: AbortSignal): Promise<IncomingMessage> {
  checkLiteralHost(url.hostname, opts.allowPrivate);
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent,
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      headers,
      signal,
      agent: false,
      lookup: guardedLookup(opts.resolver ?? systemResolver, opts.allowPrivate) as never,
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(header(res, 'content-length') ?? 0);
  if (declared > maxBytes) {
    res.destroy();
    throw new FeedFetchError('too-large', `the feed is ${declared} bytes, more than ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of decompressed(res)) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      res.destroy();
      throw new FeedFetchError('too-large', `the feed is more than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Fetches a feed with a conditional GET (an unchanged feed answers 304 and costs nothing), a
 * timeout for the whole exchange, a size limit, redirects followed by hand (each one checked), and
 * every connection checked against private addresses unless they are allowed.
 */
export async function fetchFeed(opts: FetchFeedOptions): Promise<FetchFeedResult> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  let url = new URL(opts.url);
  const maxRedirects = opts.maxRedirects ?? 5;
  try {
    for (let hop = 0; ; hop++) {
      const res = await get(url, opts, signal);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304) {
        res.resume();
        const location = header(res, 'location');
        if (!location) throw new FeedFetchError('redirect', `HTTP ${status} without a Location`, status);
        if (hop >= maxRedirects) throw new FeedFetchError('redirect', `more than ${maxRedirects} redirects`);
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:')
          throw new FeedFetchError('redirect', `redirected to a ${next.protocol} URL`);
        url = next;
        continue;
      }
      const etag = header(res, 'etag');
      const lastModified = header(res, 'last-modified');
      if (status === 304) {
        res.resume();
        return {
          status: 'not-modified',
          etag: etag ?? opts.etag ?? null,
          lastModified: lastModified ?? opts.lastModified ?? null,
        };
      }
      if (status !== 200) {
        res.resume();
        throw new FeedFetchError('http', `HTTP ${status}`, status, retryAfterMs(header(res, 'retry-after')));
      }
      const bytes = await readBody(res, opts.maxBytes ?? MAX_BYTES);
      return {
        status: 'ok',
        body: decode(bytes, header(res, 'content-type')),
        etag,
        lastModified,
        url: url.href,
      };
    }
  } catch (err) {
    if (err instanceof FeedFetchError) throw err;
    if (err instanceof AddressRefused || (err as { cause?: unknown }).cause instanceof AddressRefused)
      throw new FeedFetchError('refused', (err as Error).message);
    if (timeout.aborted)
      throw new FeedFetchError('timeout', `no complete answer within ${opts.timeoutMs} ms`);
    const e = err as NodeJS.ErrnoException;
    throw new FeedFetchError('network', e.code ? `${e.code}: ${e.message}` : e.message);
  }
}
