import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, connect, disconnectAll, makeArticle, postArticle, waitUntil } from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { STORE: 'memory', ALLOWED_ORIGINS: 'https://wall.example.test' } });
});
afterAll(async () => {
  disconnectAll();
  await server?.close();
});

const tryOrigin = (origin: string) =>
  new Promise<string>((resolve) => {
    const s = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { origin },
    });
    s.once('connect', () => {
      s.disconnect();
      resolve('connected');
    });
    s.once('connect_error', (e) => {
      s.disconnect();
      resolve(`refused: ${e.message}`);
    });
  });

describe('socket hardening', () => {
  it('lets in pages of its own origin and of allowed origins only', async () => {
    expect(await tryOrigin(server.url)).toBe('connected');
    expect(await tryOrigin('https://wall.example.test')).toBe('connected');
    expect(await tryOrigin('https://evil.example.test')).toMatch(/^refused/);
  });

  it('answers a flood of commands with RATE_LIMITED, then drops the socket, while others are served', async () => {
    const flooder = await connect(server.url);
    const calm = await connect(server.url);
    const got: number[] = [];
    calm.on('article:published', (a) => got.push(a.seq));
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => command(flooder, 'ticks:subscribe', { symbols: ['SPY'] })),
    );
    const limited = answers.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(20);
    expect(limited).toBeGreaterThan(0);
    // keep flooding: past the budget the server hangs up
    for (let i = 0; i < 150 && flooder.connected; i++)
      flooder.emit('ticks:subscribe', { symbols: ['SPY'] }, () => {});
    await waitUntil(() => !flooder.connected, 'the flooding socket to be dropped');
    const res = await postArticle(server.url, server.token, makeArticle({ headline: 'Still served' }));
    await waitUntil(() => got.includes(res.body.seq as number), 'the calm client to get the story');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/tickerwire_rejected_messages_total\{kind="rate-limited"\} \d+/);
  });

  it('survives malformed and hostile packets', async () => {
    const sock = await connect(server.url);
    const hostile: [unknown, boolean][] = [
      [null, false],
      [42, false],
      ['x'.repeat(10_000), false],
      [{ tickers: null }, false],
      [{ tickers: Array(1_000).fill('AAPL') }, false],
      [{ tickers: [{ toString: 'AAPL' }] }, false],
      [JSON.parse('{"__proto__": {"polluted": true}, "tickers": []}'), true],
    ];
    for (const [payload, ok] of hostile) {
      const res = await command(sock, 'feed:subscribe', payload as never);
      expect(res.ok, JSON.stringify(payload)?.slice(0, 60)).toBe(ok);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(sock.connected).toBe(true);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });
});
