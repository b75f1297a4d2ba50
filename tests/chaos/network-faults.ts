import { FaultProxy } from '../support/fault-proxy.js';
import { FeedClient } from '../support/feed-client.js';
import { startServer } from '../support/server.js';
import { CHAOS_TOKEN, isWhole, postWithRetry, rng, sleep } from './common.js';

export interface NetworkFaultsResult {
  seed: number;
  rounds: number;
  stories: number;
  clients: number;
  /** Faults played, by kind. */
  faults: Record<string, number>;
  /** Links the clients saw drop (a missed heartbeat on either side, a reset) and reconnected. */
  linkDrops: number;
  /** Gaps filled while connected (stories lost in a frame the proxy dropped). */
  resumes: number;
  clientsWhole: number;
  duplicatesDropped: number;
  pass: boolean;
}

const KINDS = ['latency', 'blackhole', 'reset', 'refuse', 'drop-frame'] as const;

/**
 * Clients behind a loopback fault proxy while stories flow; a seeded series of faults (latency,
 * black hole, reset, refused reconnects, a lost frame on a live link). Every client must end with
 * every story once, in order.
 */
export async function networkFaults(opts: {
  seed: number;
  rounds: number;
  storiesPerRound: number;
  clients: number;
  pingMs: number;
}): Promise<NetworkFaultsResult> {
  const random = rng(opts.seed);
  const server = await startServer({
    env: {
      STORE: 'memory',
      INGEST_TOKEN: CHAOS_TOKEN,
      INGEST_RATE_PER_MINUTE: '1000000',
      SOCKET_PING_INTERVAL_MS: String(opts.pingMs),
      SOCKET_PING_TIMEOUT_MS: String(opts.pingMs),
    },
  });
  const proxy = new FaultProxy(Number(new URL(server.url).port));
  const clients: FeedClient[] = [];
  const faults: Record<string, number> = {};
  let n = 0;
  try {
    const via = await proxy.listen();
    proxy.dropFrames({ match: () => false, count: 0 });
    for (let c = 0; c < opts.clients; c++) clients.push(new FeedClient(via, { reconnectionDelay: 100 }));
    await Promise.all(clients.map((c) => c.connected()));
    const post = async (k: number) => {
      for (let i = 0; i < k; i++) {
        await postWithRetry(server.url, {
          headline: `Network fault story ${n}`,
          source: 'chaos',
          externalId: `net-${opts.seed}-${n}`,
          tickers: ['SPY'],
        });
        n++;
      }
    };
    for (let round = 0; round < opts.rounds; round++) {
      const kind = KINDS[Math.floor(random() * KINDS.length)] as (typeof KINDS)[number];
      faults[kind] = (faults[kind] ?? 0) + 1;
      if (kind === 'latency') {
        proxy.set({ kind: 'latency', ms: 50 + Math.floor(random() * 250) });
        await post(opts.storiesPerRound);
      } else if (kind === 'blackhole') {
        proxy.set({ kind: 'blackhole' });
        await post(opts.storiesPerRound);
        await sleep(opts.pingMs * 2 + 500);
      } else if (kind === 'reset') {
        proxy.resetAll();
        await post(opts.storiesPerRound);
      } else if (kind === 'refuse') {
        proxy.set({ kind: 'refuse' });
        proxy.resetAll();
        await post(opts.storiesPerRound);
        await sleep(500);
      } else {
        proxy.dropFrames({ match: (t) => t.includes('"article:published"'), count: 1 });
        await post(opts.storiesPerRound);
      }
      proxy.set({ kind: 'pass' });
      proxy.dropFrames({ match: () => false, count: 0 });
    }
    await post(1);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !clients.every((c) => isWhole(c.seqs(), n))) await sleep(100);
    const clientsWhole = clients.filter((c) => isWhole(c.seqs(), n)).length;
    return {
      seed: opts.seed,
      rounds: opts.rounds,
      stories: n,
      clients: opts.clients,
      faults,
      linkDrops: clients.reduce((k, c) => k + c.disconnects.length, 0),
      resumes: clients.reduce((k, c) => k + c.resumes, 0),
      clientsWhole,
      duplicatesDropped: clients.reduce((k, c) => k + c.arrivals.length - c.seqs().length, 0),
      pass: clientsWhole === opts.clients,
    };
  } finally {
    for (const c of clients) c.close();
    await proxy.close();
    await server.close();
  }
}
