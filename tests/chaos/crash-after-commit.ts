import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedClient } from '../support/feed-client.js';
import { freePort, type ServerProcess, spawnServer } from '../support/server-process.js';
import { CHAOS_TOKEN, isWhole, postWithRetry, rng, sleep, storedSeqs } from './common.js';

export interface CrashAfterCommitResult {
  seed: number;
  crashes: number;
  stories: number;
  stored: number;
  /** Retries of a story whose first answer was lost that got the stored story back (200, same seq). */
  sameStoryBack: number;
  clientsWhole: number;
  clients: number;
  pass: boolean;
}

/**
 * The server commits a story and dies before publishing or answering (FAULT_KILL_AFTER_COMMIT),
 * `crashes` times at seeded points; after each restart the producer's retry must get the same
 * story back, one row is stored, and listening clients get it once, in order.
 */
export async function crashAfterCommit(opts: {
  seed: number;
  crashes: number;
  storiesBetween: number;
  clients: number;
}): Promise<CrashAfterCommitResult> {
  const random = rng(opts.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-crash-'));
  const port = await freePort();
  const env = { DATA_DIR: dataDir, INGEST_TOKEN: CHAOS_TOKEN, MOCK_BACKFILL_MINUTES: '1' };
  let server: ServerProcess | null = null;
  const clients: FeedClient[] = [];
  let n = 0;
  let sameStoryBack = 0;
  const body = (id: string) => ({
    headline: `Crash story ${id}`,
    source: 'chaos',
    externalId: id,
    tickers: ['SPY'],
  });
  try {
    for (let crash = 0; crash < opts.crashes; crash++) {
      const doomed = `crash-${opts.seed}-${crash}`;
      server = await spawnServer({ ...env, FAULT_KILL_AFTER_COMMIT: doomed }, port);
      if (clients.length === 0) {
        for (let c = 0; c < opts.clients; c++)
          clients.push(new FeedClient(server.url, { reconnectionDelay: 100 }));
        await Promise.all(clients.map((c) => c.connected()));
      }
      const before = 1 + Math.floor(random() * opts.storiesBetween);
      for (let i = 0; i < before; i++) {
        await postWithRetry(server.url, body(`ok-${opts.seed}-${crash}-${i}`));
        n++;
      }
      const first = await fetch(`${server.url}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${CHAOS_TOKEN}` },
        body: JSON.stringify(body(doomed)),
      }).then(
        () => 'answered',
        () => 'no answer',
      );
      await server.exited;
      n++;
      server = await spawnServer(env, port);
      const retry = await fetch(`${server.url}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${CHAOS_TOKEN}` },
        body: JSON.stringify(body(doomed)),
      });
      const got = (await retry.json()) as { seq?: number };
      if (first === 'no answer' && retry.status === 200 && got.seq === n) sameStoryBack++;
      server.child.kill('SIGTERM');
      await server.exited;
      server = null;
    }
    server = await spawnServer(env, port);
    const url = server.url;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !clients.every((c) => isWhole(c.seqs(), n))) await sleep(100);
    const stored = await storedSeqs(url);
    const clientsWhole = clients.filter((c) => isWhole(c.seqs(), n)).length;
    return {
      seed: opts.seed,
      crashes: opts.crashes,
      stories: n,
      stored: stored.length,
      sameStoryBack,
      clientsWhole,
      clients: opts.clients,
      pass: isWhole(stored, n) && sameStoryBack === opts.crashes && clientsWhole === opts.clients,
    };
  } finally {
    for (const c of clients) c.close();
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
