import { afterAll, beforeAll, expect, it } from 'vitest';
import { serverMetrics } from '../chaos/common.js';
import { makeArticle, postArticle, waitUntil } from '../support/client.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { FeedClient } from '../support/feed-client.js';
import { ScriptedTickSource } from '../support/scripted-ticks.js';
import { startServer, type TestServer } from '../support/server.js';

// A client whose link falls behind (but not so far that it is dropped) gets no tick batches while
// behind, then one batch with the latest price of each of its symbols once it drains.
let server: TestServer;
let proxy: FaultProxy;
const ticks = new ScriptedTickSource();
const clients: FeedClient[] = [];
const SYMBOLS = ['QAA', 'QAB', 'QAC', 'QAD'];

beforeAll(async () => {
  server = await startServer({
    tickSource: ticks,
    env: {
      STORE: 'memory',
      INGEST_RATE_PER_MINUTE: '1000000',
      SOCKET_MAX_BACKLOG_KB: '65536',
      SOCKET_PING_INTERVAL_MS: '60000',
      SOCKET_PING_TIMEOUT_MS: '60000',
    },
  });
  proxy = new FaultProxy(Number(new URL(server.url).port));
});

afterAll(async () => {
  for (const c of clients) c.close();
  await proxy?.close();
  await server?.close();
});

it('holds ticks from a client that is behind and sends it the latest prices once it drains', async () => {
  const slow = new FeedClient(await proxy.listen(), { tickSymbols: SYMBOLS });
  clients.push(slow);
  await slow.connected();
  let t = Date.now();
  const last = new Map<string, number>();
  const tick = (k: number) => {
    t += 1;
    for (const s of SYMBOLS) {
      const p = 100 + k + SYMBOLS.indexOf(s) / 10;
      ticks.push(s, p, t);
      last.set(s, p);
    }
  };
  tick(0);
  await waitUntil(() => slow.prices.size === SYMBOLS.length, 'the first prices');
  proxy.set({ kind: 'throttle', bytesPerSecond: 2_000 });
  const body = 'A long story body that piles up for a client that reads slowly. '.repeat(1_400);
  const skipped = async () => (await serverMetrics(server.url)).tickerwire_tick_batches_skipped_total ?? 0;
  let k = 1;
  for (let posted = 0; (await skipped()) === 0 && posted < 300; posted += 10) {
    for (let i = 0; i < 10; i++) {
      expect(
        (await postArticle(server.url, server.token, makeArticle({ body, tickers: ['QAA'] }))).status,
      ).toBe(201);
    }
    tick(k++);
    await new Promise((r) => setTimeout(r, 150));
  }
  // Ticks while it is behind: held back, only the latest matters.
  for (let i = 0; i < 5; i++, k++) {
    tick(k);
    await new Promise((r) => setTimeout(r, 150));
  }
  const m = await serverMetrics(server.url);
  expect(m.tickerwire_tick_batches_skipped_total).toBeGreaterThan(0);
  expect(m.tickerwire_sockets_shed_total ?? 0).toBe(0);
  proxy.set({ kind: 'pass' });
  await waitUntil(
    () => SYMBOLS.every((s) => slow.prices.get(s)?.p === last.get(s)),
    'the latest price of every symbol',
    30_000,
  );
  expect(slow.disconnects).toEqual([]);
}, 90_000);
