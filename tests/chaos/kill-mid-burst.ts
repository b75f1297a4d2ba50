import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import type { ArticlePage } from '../../shared/index.js';
import type { TestSocket } from '../support/client.js';
import { freePort, type ServerProcess, spawnServer } from '../support/server-process.js';

export interface KillRunOptions {
  seed: number;
  stories: number;
  clients: number;
  /** Pause between stories (ms): 5 ms is about 200 stories a second. */
  paceMs: number;
}

export interface KillRunResult {
  seed: number;
  stories: number;
  clients: number;
  killedAfterStory: number;
  retries: number;
  stored: number;
  storedDuplicates: number;
  seqDense: boolean;
  clientsComplete: number;
  clientDuplicates: number;
  clientOutOfOrder: number;
  downMs: number;
}

const TOKEN = 'chaos-ingest-token-0123456789';

/** A small seeded generator (mulberry32): the same seed kills at the same point. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A producer posts stories (retrying until each is acknowledged) while clients listen; the
 * server is killed with SIGKILL at a seeded moment and restarted on the same port and data. The
 * result counts what was stored and what each client received.
 */
export async function killMidBurst(opts: KillRunOptions): Promise<KillRunResult> {
  const random = rng(opts.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-chaos-'));
  const port = await freePort();
  const env = {
    DATA_DIR: dataDir,
    INGEST_TOKEN: TOKEN,
    MOCK_BACKFILL_MINUTES: '2',
    INGEST_RATE_PER_MINUTE: '1000000',
  };
  let server: ServerProcess | null = await spawnServer(env, port);
  const url = server.url;
  const sockets: TestSocket[] = [];
  const received: number[][] = [];
  try {
    for (let c = 0; c < opts.clients; c++) {
      const seqs: number[] = [];
      received.push(seqs);
      const socket: TestSocket = io(url, {
        transports: ['websocket'],
        reconnectionDelay: 100,
        reconnectionDelayMax: 400,
        // Each (re)connect says the last story this client has: the server sends what it missed.
        auth: (cb) => cb(seqs.length ? { lastSeq: seqs[seqs.length - 1] } : {}),
      });
      socket.on('article:published', (a) => seqs.push(a.seq));
      sockets.push(socket);
    }
    await Promise.all(
      sockets.map((s) => (s.connected ? null : new Promise((r) => s.once('connect', () => r(null))))),
    );

    const killAt = Math.floor(opts.stories * (0.2 + random() * 0.6));
    let retries = 0;
    let downMs = 0;
    let restarting: Promise<void> | null = null;
    for (let i = 0; i < opts.stories; i++) {
      if (i === killAt && server) {
        const victim = server;
        server = null;
        victim.child.kill('SIGKILL');
        const down = Date.now();
        restarting = victim.exited.then(async () => {
          server = await spawnServer(env, port);
          downMs = Date.now() - down;
        });
      }
      const body = JSON.stringify({
        headline: `Chaos story ${i} of seed ${opts.seed}`,
        source: 'chaos',
        externalId: `s${opts.seed}-${i}`,
        tickers: ['SPY'],
      });
      for (;;) {
        try {
          const res = await fetch(`${url}/api/articles`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
            body,
            signal: AbortSignal.timeout(2_000),
          });
          if (res.status === 201 || res.status === 200) break;
          throw new Error(`status ${res.status}`);
        } catch {
          retries++;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      if (opts.paceMs) await new Promise((r) => setTimeout(r, opts.paceMs));
    }
    await restarting;

    const deadline = Date.now() + 20_000;
    while (received.some((r) => r.length < opts.stories) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200)); // anything extra (a duplicate) would arrive now

    const stored: ArticlePage['articles'] = [];
    for (let before: number | null = null; ; ) {
      const q: string = before ? `&beforeSeq=${before}` : '';
      const page = (await (await fetch(`${url}/api/articles?limit=500${q}`)).json()) as ArticlePage;
      stored.push(...page.articles);
      if (page.nextBeforeSeq == null) break;
      before = page.nextBeforeSeq;
    }
    const ids = stored.map((a) => a.externalId);
    const seqs = stored.map((a) => a.seq).sort((a, b) => a - b);
    const want = Array.from({ length: opts.stories }, (_, i) => i + 1);
    return {
      seed: opts.seed,
      stories: opts.stories,
      clients: opts.clients,
      killedAfterStory: killAt,
      retries,
      stored: new Set(ids).size,
      storedDuplicates: ids.length - new Set(ids).size,
      seqDense: JSON.stringify(seqs) === JSON.stringify(want),
      clientsComplete: received.filter((r) => JSON.stringify(r) === JSON.stringify(want)).length,
      clientDuplicates: received.reduce((n, r) => n + r.length - new Set(r).size, 0),
      clientOutOfOrder: received.filter((r) => r.some((s, i) => i > 0 && s <= (r[i - 1] as number))).length,
      downMs,
    };
  } finally {
    for (const s of sockets) s.disconnect();
    const last = server as ServerProcess | null;
    if (last) {
      last.child.kill('SIGKILL');
      await last.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
