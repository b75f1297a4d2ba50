import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import type { ArticlePage, HealthResponse } from '../../shared/index.js';
import type { TestSocket } from './client.js';
import { startPostgres, type TestPostgres } from './postgres.js';
import { startRedis, type TestRedis } from './redis.js';
import { freePort, type ServerProcess, spawnServer } from './server-process.js';

/** The store every node of a test cluster shares: what each node's environment needs for it. */
export interface ClusterStore {
  kind: string;
  /** Environment of every node (DATABASE_URL, or a shared DATA_DIR). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** One SQLite data folder shared by every node (WAL works across processes). */
export function sharedSqlite(): ClusterStore {
  const dir = mkdtempSync(join(tmpdir(), 'tw-cluster-'));
  return {
    kind: 'sqlite',
    env: { DATA_DIR: dir },
    stop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * One Postgres database shared by every node: on `server` (left running), else on a private
 * server started here and stopped with the store.
 */
export async function sharedPostgres(server?: TestPostgres): Promise<ClusterStore> {
  const own = server ? null : await startPostgres();
  const pg = (server ?? own) as TestPostgres;
  try {
    const url = await pg.createDatabase();
    return { kind: 'postgres', env: { DATABASE_URL: url }, stop: async () => own?.stop() };
  } catch (err) {
    await own?.stop();
    throw err;
  }
}

export const CLUSTER_TOKEN = 'cluster-ingest-token-0123456789';

export interface TestCluster {
  redis: TestRedis;
  urls: string[];
  /** The node processes (null while one is down). */
  nodes: (ServerProcess | null)[];
  /** SIGKILLs node i. */
  kill(i: number): Promise<void>;
  /** Starts node i again on its port. */
  restart(i: number): Promise<void>;
  health(i: number): Promise<HealthResponse>;
  /** Every stored story, oldest first (read through node i). */
  stored(i: number): Promise<ArticlePage['articles']>;
  /** Stops every node, Redis and the store. Always call it. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  nodes: number;
  store: ClusterStore;
  /** Extra environment of every node. */
  env?: Record<string, string>;
  /** Start the nodes while Redis is down (restart it with cluster.redis.restart()). */
  redisDown?: boolean;
}

/** Starts Redis and `nodes` server processes (one after the other: the first owns the tick source) on one store. */
export async function startCluster(opts: ClusterOptions): Promise<TestCluster> {
  const redis = await startRedis();
  if (opts.redisDown) await redis.kill();
  const ports: number[] = [];
  const nodes: (ServerProcess | null)[] = [];
  const dirs: string[] = [];
  const envOf = (i: number) => ({
    INGEST_TOKEN: CLUSTER_TOKEN,
    MOCK_BACKFILL_MINUTES: '2',
    INGEST_RATE_PER_MINUTE: '1000000',
    // Each node its own data folder unless the store is one (the token file, nothing shared).
    DATA_DIR: dirs[i] as string,
    ...opts.store.env,
    REDIS_URL: redis.url,
    NODE_ID: `node-${i}`,
    ...opts.env,
  });
  const cluster: TestCluster = {
    redis,
    urls: [],
    nodes,
    async kill(i) {
      const node = nodes[i];
      nodes[i] = null;
      if (node && node.child.exitCode === null) {
        node.child.kill('SIGKILL');
        await node.exited;
      }
    },
    async restart(i) {
      nodes[i] = await spawnServer(envOf(i), ports[i] as number);
    },
    async health(i) {
      const res = await fetch(`${cluster.urls[i]}/api/health`);
      return (await res.json()) as HealthResponse;
    },
    async stored(i) {
      const all: ArticlePage['articles'] = [];
      for (let before: number | null = null; ; ) {
        const q: string = before ? `&beforeSeq=${before}` : '';
        const page = (await (
          await fetch(`${cluster.urls[i]}/api/articles?limit=500${q}`)
        ).json()) as ArticlePage;
        all.push(...page.articles);
        if (page.nextBeforeSeq == null) break;
        before = page.nextBeforeSeq;
      }
      return all.reverse();
    },
    async stop() {
      for (let i = 0; i < nodes.length; i++) await cluster.kill(i);
      await redis.stop();
      await opts.store.stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
  try {
    for (let i = 0; i < opts.nodes; i++) {
      dirs.push(mkdtempSync(join(tmpdir(), 'tw-node-')));
      ports.push(await freePort());
      const node = await spawnServer(envOf(i), ports[i] as number);
      nodes.push(node);
      cluster.urls.push(node.url);
    }
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}

/** What a listening client received. */
export interface Listener {
  socket: TestSocket;
  seqs: number[];
  /** Which node it is on now (index into the cluster's urls). */
  node: number;
  /** How many times it connected. */
  connects: number;
  close(): void;
}

/**
 * A client that follows every story and resumes from the last one it has on every reconnect.
 * With `failover`, a lost connection goes to the next node (as behind a load balancer), else it
 * comes back to the same node.
 */
export async function listen(urls: string[], node: number, failover = false): Promise<Listener> {
  const listener: Listener = {
    socket: null as unknown as TestSocket,
    seqs: [],
    node,
    connects: 0,
    close: () => {
      closed = true;
      listener.socket.disconnect();
    },
  };
  let closed = false;
  const open = (at: number): TestSocket => {
    listener.node = at;
    const socket: TestSocket = io(urls[at] as string, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: !failover,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      auth: (cb) => cb(listener.seqs.length ? { lastSeq: listener.seqs[listener.seqs.length - 1] } : {}),
    });
    socket.on('article:published', (a) => listener.seqs.push(a.seq));
    socket.on('connect', () => listener.connects++);
    if (failover) {
      const next = () => {
        socket.removeAllListeners();
        socket.disconnect();
        if (!closed) setTimeout(() => (listener.socket = open((at + 1) % urls.length)), 100);
      };
      socket.on('disconnect', next);
      socket.on('connect_error', next);
    }
    return socket;
  };
  listener.socket = open(node);
  await new Promise<void>((resolve, reject) => {
    listener.socket.once('connect', () => resolve());
    listener.socket.once('connect_error', (err) => reject(err));
  });
  return listener;
}

/** Posts a story to a node, retrying on the others until one acknowledges it (201 or 200). */
export async function postUntilAcknowledged(
  urls: string[],
  first: number,
  body: Record<string, unknown>,
): Promise<{ node: number; tries: number }> {
  for (let tries = 0; ; tries++) {
    const node = (first + tries) % urls.length;
    try {
      const res = await fetch(`${urls[node]}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${CLUSTER_TOKEN}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(3_000),
      });
      if (res.status === 201 || res.status === 200) return { node, tries };
    } catch {
      // down or slow: the next node
    }
    if (tries > 200) throw new Error('no node acknowledged the story');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The seqs 1..n. */
export const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
