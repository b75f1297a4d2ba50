/**
 * Story latency through Redis against one node: POST /api/articles sent → article:published at
 * clients, on one node alone and on two nodes sharing the store and Redis (clients on the node
 * that took the story in, and on the other one). Prints figures; asserts nothing.
 *
 *   npm run bench:cluster                  # 300 stories, 10 clients per node
 *   npm run bench:cluster -- --stories 1000 --clients 50
 *
 * The store is a private Postgres when its server binaries are installed (as in production),
 * else one SQLite file shared by the nodes. Everything runs on 127.0.0.1 and is stopped at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents } from '../shared/index.js';
import {
  CLUSTER_TOKEN,
  type ClusterStore,
  sharedPostgres,
  sharedSqlite,
  startCluster,
  type TestCluster,
} from '../tests/support/cluster.js';
import { postgresBin } from '../tests/support/postgres.js';
import { freePort, type ServerProcess, spawnServer } from '../tests/support/server-process.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
let STORIES = arg('stories', 300);
let CLIENTS = arg('clients', 10);
const PACE_MS = 20;

type Client = Socket<ServerToClientEvents>;

async function openStore(): Promise<ClusterStore> {
  try {
    postgresBin();
    return await sharedPostgres();
  } catch {
    return sharedSqlite();
  }
}

async function clientsOn(
  url: string,
  n: number,
  sentAt: Map<number, number>,
  out: number[],
): Promise<Client[]> {
  const list: Client[] = [];
  for (let i = 0; i < n; i++) {
    const s: Client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    s.on('article:published', (a) => {
      const idx = Number(a.externalId?.split('-')[1]);
      const t0 = sentAt.get(idx);
      if (t0 !== undefined) out.push(performance.timeOrigin + performance.now() - t0);
    });
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    list.push(s);
  }
  return list;
}

/** Posts the stories to `target`, one at a time; returns when every client has every story. */
async function run(target: string, groups: { url: string; out: number[] }[], label: string) {
  const sentAt = new Map<number, number>();
  const sockets = (await Promise.all(groups.map((g) => clientsOn(g.url, CLIENTS, sentAt, g.out)))).flat();
  for (let i = 0; i < STORIES; i++) {
    sentAt.set(i, performance.timeOrigin + performance.now());
    const res = await fetch(`${target}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CLUSTER_TOKEN}` },
      body: JSON.stringify({ headline: `${label} story ${i}`, source: 'bench', externalId: `${label}-${i}` }),
    });
    if (res.status !== 201) throw new Error(`POST answered ${res.status}`);
    await new Promise((r) => setTimeout(r, PACE_MS));
  }
  const deadline = Date.now() + 30_000;
  while (groups.some((g) => g.out.length < STORIES * CLIENTS) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  for (const s of sockets) s.disconnect();
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};
const row = (r: ClusterLatency['rows'][number]) =>
  `${r.setup.padEnd(44)} ${String(r.n).padStart(6)}  ${[r.p50, r.p95, r.p99, r.max].map((x) => x.toFixed(2).padStart(7)).join('  ')}`;

/** The three rows (1 node; 2 nodes, client on the posting node; 2 nodes, client on the other). */
export interface ClusterLatency {
  store: string;
  stories: number;
  clients: number;
  rows: { setup: string; n: number; p50: number; p95: number; p99: number; max: number }[];
}

/** Runs the comparison (also `npm run bench -- --only cluster`). */
export async function clusterLatency(stories = STORIES, clients = CLIENTS): Promise<ClusterLatency> {
  STORIES = stories;
  CLIENTS = clients;
  const results: [string, number[]][] = [];
  let store = await openStore();
  const kind = store.kind;
  let single: ServerProcess | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'tw-bench-node-'));
  let cluster: TestCluster | null = null;
  try {
    // One node on the same kind of store, no Redis.
    single = await spawnServer(
      {
        DATA_DIR: dir,
        ...store.env,
        INGEST_TOKEN: CLUSTER_TOKEN,
        INGEST_RATE_PER_MINUTE: '1000000',
        MOCK_BACKFILL_MINUTES: '2',
      },
      await freePort(),
    );
    const alone: number[] = [];
    await run(single.url, [{ url: single.url, out: alone }], 'single');
    results.push(['1 node', alone]);
    single.child.kill('SIGTERM');
    await single.exited;
    single = null;
    await store.stop();

    store = await openStore();
    cluster = await startCluster({ nodes: 2, store });
    const [a, b] = cluster.urls as [string, string];
    const same: number[] = [];
    const other: number[] = [];
    await run(
      a,
      [
        { url: a, out: same },
        { url: b, out: other },
      ],
      'pair',
    );
    results.push(['2 nodes + Redis: client on the posting node', same]);
    results.push(['2 nodes + Redis: client on the other node', other]);
  } finally {
    if (single) {
      single.child.kill('SIGKILL');
      await single.exited;
    }
    if (cluster) await cluster.stop();
    else await store.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    store: kind,
    stories: STORIES,
    clients: CLIENTS,
    rows: results.map(([setup, xs]) => ({
      setup,
      n: xs.length,
      p50: q(xs, 0.5),
      p95: q(xs, 0.95),
      p99: q(xs, 0.99),
      max: Math.max(...xs),
    })),
  };
}

async function main() {
  const { store: kind, rows } = await clusterLatency();
  console.log(
    `\nStory latency, POST sent → article:published (ms); store ${kind}; ${STORIES} stories, ${CLIENTS} clients per node\n`,
  );
  console.log(
    `${'setup'.padEnd(44)} ${'n'.padStart(6)}  ${'median'.padStart(7)}  ${'p95'.padStart(7)}  ${'p99'.padStart(7)}  ${'max'.padStart(7)}`,
  );
  for (const r of rows) console.log(row(r));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
