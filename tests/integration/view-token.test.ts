import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/index.js';
import {
  collectArticles,
  connect,
  disconnectAll,
  makeArticle,
  postArticle,
  waitUntil,
} from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

const VIEW = 'viewer-token-for-the-desk-0001';
const METRICS = 'metrics-token-for-prometheus-01';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { STORE: 'memory', VIEW_TOKEN: VIEW } });
});
afterAll(async () => {
  disconnectAll();
  await server?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers });

/** Opens a socket with the given handshake auth; resolves with "connected" or the refusal. */
const tryConnect = (url: string, auth: Record<string, unknown>) =>
  new Promise<{ result: string; data?: unknown }>((resolve) => {
    const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    s.once('connect', () => {
      s.disconnect();
      resolve({ result: 'connected' });
    });
    s.once('connect_error', (e: Error & { data?: unknown }) => {
      s.disconnect();
      resolve({ result: e.message, data: e.data });
    });
  });

describe('VIEW_TOKEN', () => {
  const reads = [
    '/api/articles',
    '/api/articles/some-id',
    '/api/movers',
    '/api/tickers/SPY/history',
    '/api/quotes',
    '/api/symbols?q=app',
  ];

  it('REST reads need it, by header or ?token=; health stays open', async () => {
    for (const path of reads) {
      const without = await get(path);
      expect(without.status, path).toBe(401);
      const body = (await without.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('UNAUTHORIZED');
      expect(body.error.message).toMatch(/needs a viewer token/);
      expect((await get(path, { authorization: 'Bearer wrong-token-wrong-token' })).status, path).toBe(401);
      const withHeader = await get(path, { authorization: `Bearer ${VIEW}` });
      expect([200, 404], path).toContain(withHeader.status);
      const sep = path.includes('?') ? '&' : '?';
      expect([200, 404], path).toContain((await get(`${path}${sep}token=${VIEW}`)).status);
    }
    expect((await get('/api/health')).status).toBe(200);
  });

  it('metrics need the viewer token, or METRICS_TOKEN alone when that is set', async () => {
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', { authorization: `Bearer ${VIEW}` })).status).toBe(200);
    const other = await startServer({ env: { STORE: 'memory', VIEW_TOKEN: VIEW, METRICS_TOKEN: METRICS } });
    try {
      const m = (h: Record<string, string>) => fetch(`${other.url}/metrics`, { headers: h });
      expect((await m({})).status).toBe(401);
      expect((await m({ authorization: `Bearer ${VIEW}` })).status).toBe(401);
      expect((await m({ authorization: `Bearer ${METRICS}` })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('ingest still takes the ingest token, not the viewer token', async () => {
    expect((await postArticle(server.url, VIEW, makeArticle())).status).toBe(401);
    expect((await postArticle(server.url, server.token, makeArticle())).status).toBe(201);
  });

  it('sockets without the token are refused with a clear UNAUTHORIZED; with it they get stories', async () => {
    for (const auth of [{}, { token: 'wrong-token-wrong-token' }, { token: 42 }, { token: VIEW.slice(1) }]) {
      const r = await tryConnect(server.url, { protocolVersion: PROTOCOL_VERSION, ...auth });
      expect(r.result, JSON.stringify(auth)).toBe('UNAUTHORIZED');
      expect(r.data).toMatchObject({
        code: 'UNAUTHORIZED',
        message: expect.stringMatching(/needs a viewer token/),
      });
    }
    const viewer = await connect(server.url, { protocolVersion: PROTOCOL_VERSION, token: VIEW });
    const got = collectArticles(viewer);
    const res = await postArticle(server.url, server.token, makeArticle({ headline: 'For viewers only' }));
    await waitUntil(() => got.some((a) => a.seq === res.body.seq), 'the viewer to get the story');
    const metrics = await (await get('/metrics', { authorization: `Bearer ${VIEW}` })).text();
    expect(metrics).toMatch(/tickerwire_rejected_messages_total\{kind="viewer-token"\} [1-9]/);
  });

  it('without VIEW_TOKEN everything reads as before', async () => {
    const open = await startServer({ env: { STORE: 'memory' } });
    try {
      expect((await fetch(`${open.url}/api/articles`)).status).toBe(200);
      expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
      expect((await tryConnect(open.url, {})).result).toBe('connected');
    } finally {
      await open.close();
    }
  });
});
