import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Tick } from '../../shared/index.js';
import { command, connect, waitUntil } from '../support/client.js';
import {
  type Listener,
  listen,
  postUntilAcknowledged,
  sharedPostgres,
  startCluster,
  type TestCluster,
  upTo,
} from '../support/cluster.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Posts stories to the nodes in turn (each retried on the others until one acknowledges it)
 * until `stop` resolves; returns the externalIds acknowledged.
 */
async function produce(cluster: TestCluster, stop: Promise<void>, paceMs: number): Promise<string[]> {
  let done = false;
  stop
    .finally(() => {
      done = true;
    })
    .catch(() => undefined);
  const acknowledged: string[] = [];
  for (let i = 0; !done; i++) {
    const externalId = `fault-${i}`;
    await postUntilAcknowledged(cluster.urls, i % cluster.urls.length, {
      headline: `Story ${i} while things break`,
      source: 'fault-test',
      externalId,
      tickers: ['SPY'],
    });
    acknowledged.push(externalId);
    await sleep(paceMs);
  }
  return acknowledged;
}

/** Every acknowledged story is stored once with a dense seq, and every client has all of them once, in order. */
async function expectComplete(
  cluster: TestCluster,
  listeners: Listener[],
  acknowledged: string[],
  via: number,
) {
  const stored = await cluster.stored(via);
  expect(stored.map((a) => a.seq)).toEqual(upTo(stored.length));
  const ids = new Set(stored.map((a) => a.externalId));
  expect(ids.size).toBe(stored.length);
  for (const id of acknowledged) expect(ids.has(id)).toBe(true);
  const total = stored.length;
  await waitUntil(
    () => listeners.every((l) => l.seqs.length >= total),
    `every client to have all ${total} stories (have ${listeners.map((l) => l.seqs.length).join(', ')})`,
    20_000,
  );
  await sleep(300); // a duplicate would arrive now
  for (const l of listeners) expect(l.seqs).toEqual(upTo(total));
}

describe('several nodes under faults', () => {
  let cluster: TestCluster | null = null;
  const listeners: Listener[] = [];
  let postgres: TestPostgres;

  beforeAll(async () => {
    postgres = await startPostgres();
  }, 60_000);

  afterAll(async () => {
    await postgres?.stop();
  });

  afterEach(async () => {
    for (const l of listeners.splice(0)) l.close();
    await cluster?.stop();
    cluster = null;
  });

  it('loses no story while Redis is down for 10 seconds, and the nodes live on', {
    timeout: 60_000,
  }, async () => {
    const c = await startCluster({ nodes: 2, store: await sharedPostgres(postgres) });
    cluster = c;
    for (let i = 0; i < 4; i++) listeners.push(await listen(c.urls, i % 2));
    const outage = (async () => {
      await sleep(1_500);
      await c.redis.kill();
      const down = Date.now();
      let seen = false;
      await waitUntil(
        () => seen,
        'both nodes to report Redis down',
        5_000,
        async () => {
          const health = await Promise.all(c.urls.map((_, i) => c.health(i)));
          seen = health.every((h) => h.status === 'ok' && h.cluster?.redis === 'down');
        },
      );
      await sleep(10_000 - (Date.now() - down));
      await c.redis.restart();
      await sleep(2_500);
    })();
    const acknowledged = await produce(c, outage, 80);
    await outage;
    console.log(
      `Redis outage: ${acknowledged.length} stories acknowledged in the run, 10 s of it without Redis`,
    );
    expect(acknowledged.length).toBeGreaterThan(50);
    await expectComplete(c, listeners, acknowledged, 1);
    for (const node of c.nodes) expect(node?.child.exitCode).toBeNull();
    // Back to normal: both connected, and one of them owns the tick source again.
    let owners = 0;
    await waitUntil(
      () => owners === 1,
      'one owner of the tick source after the outage',
      15_000,
      async () => {
        const health = await Promise.all(c.urls.map((_, i) => c.health(i)));
        expect(health.every((h) => h.cluster?.redis === 'up')).toBe(true);
        owners = health.filter((h) => h.cluster?.tickOwner).length;
      },
    );
  });

  it('starts a node while Redis is down; once Redis is back it owns the tick source and prices flow', {
    timeout: 60_000,
  }, async () => {
    const c = await startCluster({ nodes: 1, store: await sharedPostgres(postgres), redisDown: true });
    cluster = c;
    expect((await c.health(0)).cluster).toMatchObject({ redis: 'down', tickOwner: false });
    await c.redis.restart();
    let owner = false;
    await waitUntil(
      () => owner,
      'the node to own the tick source',
      20_000,
      async () => {
        const h = (await c.health(0)).cluster;
        owner = h?.redis === 'up' && h.tickOwner;
      },
    );
    const got: Tick[] = [];
    const socket = await connect(c.urls[0] as string, {}, (s) =>
      s.on('ticks:batch', (b: { ticks: Tick[] }) => got.push(...b.ticks.filter((t) => t.s === 'SPY'))),
    );
    await command(socket, 'ticks:subscribe', { symbols: ['SPY'] });
    await waitUntil(() => got.length >= 3, 'SPY ticks', 20_000);
    socket.disconnect();
  });

  it('loses no story when a node is killed and restarted, and another takes the tick source over', {
    timeout: 60_000,
  }, async () => {
    const c = await startCluster({ nodes: 2, store: await sharedPostgres(postgres) });
    cluster = c;
    expect((await c.health(0)).cluster?.tickOwner).toBe(true);
    // Clients of the node that dies move to the other one (as behind a load balancer).
    for (let i = 0; i < 4; i++) listeners.push(await listen(c.urls, i % 2, true));
    let tookOver = false;
    const crash = (async () => {
      await sleep(1_500);
      await c.kill(0);
      const killed = Date.now();
      await waitUntil(
        () => tookOver,
        'node 1 to own the tick source',
        15_000,
        async () => {
          tookOver = (await c.health(1)).cluster?.tickOwner === true;
        },
      );
      console.log(`tick source taken over ${Date.now() - killed} ms after the owner was killed`);
      await c.restart(0);
      await sleep(2_000);
    })();
    const acknowledged = await produce(c, crash, 50);
    await crash;
    console.log(`node killed: ${acknowledged.length} stories acknowledged while it went down and came back`);
    expect(tookOver).toBe(true);
    expect(c.nodes[1]?.child.exitCode).toBeNull();
    await expectComplete(c, listeners, acknowledged, 0);
    expect(listeners.some((l) => l.connects > 1)).toBe(true); // the crash really moved clients
    const health = await Promise.all(c.urls.map((_, i) => c.health(i)));
    expect(health.filter((h) => h.cluster?.tickOwner).length).toBe(1);
  });
});
