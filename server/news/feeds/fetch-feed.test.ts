import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress, type Resolver } from './address-guard.js';
import { FeedFetchError, fetchFeed, retryAfterMs } from './fetch-feed.js';

// A loopback server only: nothing here reaches another address.
let server: Server;
let origin = '';
let port = 0;
const seen: IncomingMessage[] = [];
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/feed': (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
    res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 04 Aug 2020 23:32:14 GMT' }).end('<rss/>');
  },
  '/gzip': (_req, res) =>
    res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('<rss>zipped</rss>')),
  '/latin1': (_req, res) =>
    res
      .writeHead(200)
      .end(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss>caf\xe9</rss>', 'latin1')),
  '/big': (_req, res) => res.writeHead(200).end('x'.repeat(2_000)),
  '/slow': (_req, res) => setTimeout(() => res.writeHead(200).end('<rss/>'), 1_000),
  '/busy': (_req, res) => res.writeHead(503, { 'retry-after': '120' }).end(),
  '/hop': (_req, res) => res.writeHead(301, { location: '/feed' }).end(),
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/to-metadata': (_req, res) => res.writeHead(302, { location: `http://metadata.test:${port}/feed` }).end(),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    (routes[req.url ?? ''] ?? ((_q, r: ServerResponse) => r.writeHead(404).end()))(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const base = { timeoutMs: 3_000, userAgent: 'test-agent', allowPrivate: true };
const failure = async (p: Promise<unknown>): Promise<FeedFetchError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof FeedFetchError) return err;
    throw err;
  }
  throw new Error('expected a FeedFetchError');
};

describe('fetchFeed', () => {
  it('sends the validators and reads a 304 as "not modified"', async () => {
    const first = await fetchFeed({ ...base, url: `${origin}/feed` });
    expect(first).toMatchObject({ status: 'ok', body: '<rss/>', etag: '"v1"' });
    const again = await fetchFeed({ ...base, url: `${origin}/feed`, etag: '"v1"', lastModified: 'x' });
    expect(again).toEqual({ status: 'not-modified', etag: '"v1"', lastModified: 'x' });
    const req = seen.at(-1);
    expect(req?.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'x',
      'user-agent': 'test-agent',
    });
  });

  it('unzips, decodes the declared charset and follows a redirect', async () => {
    expect(await fetchFeed({ ...base, url: `${origin}/gzip` })).toMatchObject({ body: '<rss>zipped</rss>' });
    expect(await fetchFeed({ ...base, url: `${origin}/latin1` })).toMatchObject({
      body: expect.stringContaining('café'),
    });
    expect(await fetchFeed({ ...base, url: `${origin}/hop` })).toMatchObject({
      status: 'ok',
      url: `${origin}/feed`,
    });
  });

  it('fails clearly: HTTP errors with Retry-After, size, time, redirect loops and schemes', async () => {
    expect(await failure(fetchFeed({ ...base, url: `${origin}/busy` }))).toMatchObject({
      code: 'http',
      status: 503,
      retryAfterMs: 120_000,
    });
    expect((await failure(fetchFeed({ ...base, url: `${origin}/big`, maxBytes: 1_000 }))).code).toBe(
      'too-large',
    );
    expect((await failure(fetchFeed({ ...base, url: `${origin}/slow`, timeoutMs: 200 }))).code).toBe(
      'timeout',
    );
    expect((await failure(fetchFeed({ ...base, url: `${origin}/loop` }))).message).toMatch(
      /more than 5 redirects/,
    );
    expect((await failure(fetchFeed({ ...base, url: `${origin}/to-file` }))).message).toMatch(/file:/);
  });

  it('refuses private and loopback addresses unless allowed, literal or resolved, before connecting', async () => {
    const before = seen.length;
    for (const url of [
      `${origin}/feed`,
      `http://[::1]:${port}/feed`,
      `http://[::ffff:127.0.0.1]:${port}/feed`,
      `http://2130706433:${port}/feed`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/feed',
    ]) {
      expect((await failure(fetchFeed({ ...base, allowPrivate: false, url }))).code, url).toBe('refused');
    }
    // A name that resolves to a private address is refused at connection time, whatever DNS said before.
    const resolver: Resolver = (host, cb) =>
      cb(
        null,
        host === 'metadata.test'
          ? [{ address: '169.254.169.254', family: 4 }]
          : [{ address: '127.0.0.1', family: 4 }],
      );
    const refused = await failure(
      fetchFeed({ ...base, allowPrivate: false, resolver, url: `http://metadata.test:${port}/feed` }),
    );
    expect(refused.code).toBe('refused');
    expect(refused.message).toMatch(/169\.254\.169\.254.*NEWS_ALLOW_PRIVATE/);
    expect(seen.length).toBe(before);
  });

  it('resolves every redirect hop through the guarded lookup', async () => {
    // The first hop is loopback (allowed here); the second goes to a name this resolver refuses,
    // as the address check refuses a private answer: the hop is never connected.
    const resolver: Resolver = (host, cb) =>
      host === 'metadata.test'
        ? cb(Object.assign(new Error('refused by test resolver'), { code: 'ENOTFOUND' }), [])
        : cb(null, [{ address: '127.0.0.1', family: 4 }]);
    const err = await failure(fetchFeed({ ...base, resolver, url: `${origin}/to-metadata` }));
    expect(err.code).toBe('network');
    expect(err.message).toMatch(/ENOTFOUND/);
  });
});

describe('address checks', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.0.0.1', true],
    ['172.16.5.4', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['::ffff:10.0.0.1', true],
    ['64:ff9b::a00:1', true],
    ['not-an-ip', true],
    ['8.8.8.8', false],
    ['140.82.112.3', false],
    ['2606:4700::6810:85e5', false],
  ])('%s private: %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 1)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(
      60_000,
    );
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
