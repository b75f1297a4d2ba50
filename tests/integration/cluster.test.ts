import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tick } from '../../shared/index.js';
import { command, connect, disconnectAll, type TestSocket, waitUntil } from '../support/client.js';
import {
  CLUSTER_TOKEN,
  type Listener,
  listen,
  postUntilAcknowledged,
  sharedPostgres,
  startCluster,
  type TestCluster,
  upTo,
} from '../support/cluster.js';

// Three server processes on one store and one Redis (docs/scaling.md).
describe('several nodes on one store and one Redis', () => {
  let cluster: TestCluster;
  const listeners: Listener[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3, store: await sharedPostgres() });
  }, 60_000);

  afterAll(async () => {
    for (const l of listeners) l.close();
    disconnectAll();
    await cluster?.stop();
  });

  it('sends stories posted to different nodes to every client on every node, once each, in seq order', {
    timeout: 60_000,
  }, async () => {
    for (let c = 0; c < 6; c++) listeners.push(await listen(cluster.urls, c % 3));
    const perNode = 20;
    // One producer per node, all at once: commits of different nodes interleave.
    await Promise.all(
      cluster.urls.map(async (_, n) => {
        for (let i = 0; i < perNode; i++) {
          const { node } = await postUntilAcknowledged(cluster.urls, n, {
            headline: `Node ${n} story ${i}`,
            source: 'cluster-test',
            externalId: `n${n}-${i}`,
            tickers: ['SPY'],
          });
          expect(node).toBe(n);
        }
      }),
    );
    const total = 3 * perNode;
    const stored = await cluster.stored(0);
    expect(stored.map((a) => a.seq)).toEqual(upTo(total));
    await waitUntil(
      () => listeners.every((l) => l.seqs.length >= total),
      'every client to have every story',
      20_000,
    );
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive now
    for (const l of listeners) expect(l.seqs).toEqual(upTo(total));

    const health = await Promise.all(cluster.urls.map((_, i) => cluster.health(i)));
    expect(health.map((h) => h.cluster?.node)).toEqual(['node-0', 'node-1', 'node-2']);
    expect(health.every((h) => h.cluster?.redis === 'up' && h.cluster.deliveredSeq === total)).toBe(true);
    expect(health.filter((h) => h.cluster?.tickOwner).length).toBe(1);
    expect(health.map((h) => h.clients)).toEqual([2, 2, 2]);

    // Each node counts its own clients and the stories it sent them, under its node label.
    const metrics = await (await fetch(`${cluster.urls[1]}/metrics`)).text();
    expect(metrics).toMatch(/tickerwire_socket_clients\{node="node-1"\} 2/);
    expect(metrics).toMatch(/tickerwire_articles_published_total\{node="node-1"\} 60/);
    expect(metrics).toMatch(/tickerwire_cluster_stories_delivered_total\{how="local",node="node-1"\} 20/);
    expect(metrics).toMatch(/tickerwire_cluster_stories_delivered_total\{how="store",node="node-1"\} 40/);
  });

  it('resumes a client moving to another node from its last story, without a gap or a repeat', {
    timeout: 30_000,
  }, async () => {
    const before = (await cluster.stored(0)).length;
    const mover = await listen(cluster.urls, 0);
    listeners.push(mover);
    await postUntilAcknowledged(cluster.urls, 1, {
      headline: 'Before the move',
      source: 'cluster-test',
      externalId: 'move-1',
    });
    await waitUntil(() => mover.seqs.length === 1, 'the first story');
    expect(mover.seqs).toEqual([before + 1]);
    mover.close();
    await postUntilAcknowledged(cluster.urls, 2, {
      headline: 'While away',
      source: 'cluster-test',
      externalId: 'move-2',
    });
    // Resume on node 2 from the story seen on node 0.
    const resumed: number[] = [];
    const socket: TestSocket = await connect(
      cluster.urls[2] as string,
      { lastSeq: mover.seqs[0] as number },
      (s) => s.on('article:published', (a) => resumed.push(a.seq)),
    );
    await postUntilAcknowledged(cluster.urls, 0, {
      headline: 'After the move',
      source: 'cluster-test',
      externalId: 'move-3',
    });
    await waitUntil(() => resumed.length >= 2, 'the missed and the new story');
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed).toEqual([before + 2, before + 3]);
    socket.disconnect();
  });

  it("merges another source's copy taken in by another node, and every node's clients hear of it", {
    timeout: 30_000,
  }, async () => {
    const updates: { seq: number; sources: string[] }[][] = [[], [], []];
    const sockets = await Promise.all(
      cluster.urls.map((url, n) =>
        connect(url, {}, (s) =>
          s.on('article:updated', (u) =>
            updates[n]?.push({ seq: u.seq, sources: u.alsoFrom.map((a) => a.source) }),
          ),
        ),
      ),
    );
    const url = 'https://news.example.com/2026/11/29/merger-talks';
    const first = await postUntilAcknowledged(cluster.urls, 0, {
      headline: 'Merger talks reported',
      source: 'wire-a',
      url,
    });
    expect(first.node).toBe(0);
    // Node 1 knows node 0's story (its same-story index learned it in seq order) and merges.
    const res = await fetch(`${cluster.urls[1]}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CLUSTER_TOKEN}` },
      body: JSON.stringify({
        headline: 'Merger talks are reported',
        source: 'wire-b',
        url: `${url}?utm_source=x`,
      }),
    });
    expect(res.status).toBe(200);
    const merged = (await res.json()) as { seq: number };
    await waitUntil(() => updates.every((u) => u.length === 1), 'article:updated on every node');
    for (const u of updates) expect(u).toEqual([{ seq: merged.seq, sources: ['wire-b'] }]);
    for (const s of sockets) s.disconnect();
  });

  it('gives clients on two nodes the same prices: one node owns the tick source, the others apply its ticks', {
    timeout: 30_000,
  }, async () => {
    const health = await Promise.all(cluster.urls.map((_, i) => cluster.health(i)));
    const owner = health.findIndex((h) => h.cluster?.tickOwner);
    const follower = (owner + 1) % 3;
    const seen: Map<number, number>[] = [new Map(), new Map()];
    const sockets = await Promise.all(
      [owner, follower].map((n, k) =>
        connect(cluster.urls[n] as string, {}, (s) =>
          s.on('ticks:batch', (b: { ticks: Tick[] }) => {
            for (const t of b.ticks) if (t.s === 'SPY') seen[k]?.set(t.t, t.p);
          }),
        ),
      ),
    );
    for (const s of sockets)
      expect(await command(s, 'ticks:subscribe', { symbols: ['SPY'] })).toMatchObject({ ok: true });
    const common = () => [...(seen[0]?.keys() ?? [])].filter((t) => seen[1]?.has(t));
    await waitUntil(() => common().length >= 5, 'five SPY ticks seen on both nodes', 20_000);
    for (const t of common()) expect(seen[1]?.get(t)).toBe(seen[0]?.get(t));
    // The follower's market is the owner's: the same last price over HTTP.
    const quote = async (n: number) =>
      (
        (await (await fetch(`${cluster.urls[n]}/api/quotes?symbols=SPY`)).json()) as {
          quotes: { t: number; price: number }[];
        }
      ).quotes[0];
    const [a, b] = [await quote(owner), await quote(follower)];
    if (a && b && a.t === b.t) expect(b.price).toBe(a.price);
    for (const s of sockets) s.disconnect();
  });

  it("prices a symbol only a follower's client asks for (the follower asks the owner)", {
    timeout: 30_000,
  }, async () => {
    const health = await Promise.all(cluster.urls.map((_, i) => cluster.health(i)));
    const follower = health.findIndex((h) => !h.cluster?.tickOwner);
    const got: Tick[] = [];
    const socket = await connect(cluster.urls[follower] as string, {}, (s) =>
      s.on('ticks:batch', (b: { ticks: Tick[] }) => got.push(...b.ticks.filter((t) => t.s === 'NFLX'))),
    );
    expect(await command(socket, 'ticks:subscribe', { symbols: ['NFLX'] })).toMatchObject({ ok: true });
    await waitUntil(() => got.length >= 3, 'NFLX ticks on the follower', 20_000);
    socket.disconnect();
  });

  it('keeps the adapter stream for what must cross nodes: no story, tick or heartbeat in it', {
    timeout: 20_000,
  }, async () => {
    const redis = createClient({ url: cluster.redis.url });
    await redis.connect();
    try {
      const entries = await redis.xRange('tickerwire:socket.io', '-', '+');
      const events = entries.map((e) => {
        const data = JSON.parse(e.message.data ?? '{}') as { packet?: { data?: unknown[] } };
        return `${e.message.type}:${String(data.packet?.data?.[0])}`;
      });
      // Only the one article:updated of the merge above (type 3: a room broadcast).
      expect(events).toEqual(['3:article:updated']);
    } finally {
      await redis.close();
    }
  });
});
