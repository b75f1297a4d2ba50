import { afterAll, beforeAll, expect, it } from 'vitest';
import { serverMetrics } from '../chaos/common.js';
import { makeArticle, postArticle, waitUntil } from '../support/client.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { FeedClient } from '../support/feed-client.js';
import { startServer, type TestServer } from '../support/server.js';

// The heartbeat is set far off, so only the backlog bound can let go of a client whose link takes
// almost nothing; the kernel's socket buffers take the first megabytes, then the server's own.
let server: TestServer;
let proxy: FaultProxy;
const clients: FeedClient[] = [];

beforeAll(async () => {
  server = await startServer({
    env: {
      STORE: 'memory',
      INGEST_RATE_PER_MINUTE: '1000000',
      SOCKET_MAX_BACKLOG_KB: '64',
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

it('drops a client whose unsent output passes SOCKET_MAX_BACKLOG_KB; it comes back whole', async () => {
  const slow = new FeedClient(await proxy.listen(), { reconnectionDelay: 200 });
  const observer = new FeedClient(server.url);
  clients.push(slow, observer);
  await Promise.all([slow.connected(), observer.connected()]);
  proxy.set({ kind: 'throttle', bytesPerSecond: 1_000 });
  const body = 'A long story body that piles up for a client that reads nothing. '.repeat(1_400);
  let posted = 0;
  const shed = async () => (await serverMetrics(server.url)).tickerwire_sockets_shed_total ?? 0;
  while ((await shed()) === 0 && posted < 400) {
    for (let i = 0; i < 10; i++) {
      const res = await postArticle(server.url, server.token, makeArticle({ body, tickers: ['SPY'] }));
      expect(res.status).toBe(201);
      posted++;
    }
  }
  expect(await shed()).toBeGreaterThanOrEqual(1);
  console.log(`shed after ${posted} stories of ${Math.round(body.length / 1024)} KiB`);
  proxy.set({ kind: 'pass' });
  await waitUntil(() => slow.cursor.complete === posted, 'the dropped client to catch up', 30_000);
  await waitUntil(() => observer.cursor.complete === posted, 'the observer', 10_000);
  expect(slow.seqs()).toEqual(Array.from({ length: posted }, (_, i) => i + 1));
  expect(observer.arrivals).toEqual(Array.from({ length: posted }, (_, i) => i + 1));
}, 90_000);
