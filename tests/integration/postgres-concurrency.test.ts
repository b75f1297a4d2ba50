import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../server/store/postgres-store.js';
import { draft } from '../../server/store/store.contract.js';
import { projectRoot } from '../../server/version.js';
import { planKeys, type WriteResult, type WriterPlan, writeStories } from '../support/pg-writer.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

/** A writer in a process of its own (another node), through tests/support/pg-writer.ts. */
function writeInProcess(url: string, plan: WriterPlan): Promise<WriteResult[]> {
  const script = join(projectRoot(), 'tests', 'support', 'pg-writer.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, JSON.stringify(plan)], {
    cwd: projectRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) reject(new Error(`writer process exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout) as WriteResult[]);
    });
  });
}

describe('postgres store: several nodes writing at once', () => {
  it('keeps seq dense and in commit order, stores each key once, and a reader following the log misses nothing', async () => {
    const url = await server.createDatabase();
    const plans: WriterPlan[] = [
      { name: 'node-a', shared: 120, own: 150, concurrency: 4 },
      { name: 'node-b', shared: 120, own: 150, concurrency: 4 },
      { name: 'node-c', shared: 120, own: 150, concurrency: 3 },
    ];
    const expectedKeys = new Set(plans.flatMap(planKeys));
    // Two writers here with pools of their own, and one in a separate process; all open (and
    // migrate) the new database at the same time.
    const [a, b, reader] = await Promise.all([
      PostgresStore.open({ url, poolSize: 4 }),
      PostgresStore.open({ url, poolSize: 4 }),
      PostgresStore.open({ url, poolSize: 2 }),
    ]);
    try {
      let writing = true;
      const seen: number[] = [];
      let cursor = 0;
      let liveReads = 0;
      const follow = async () => {
        // Follows the log the way a resuming client does: everything after the last seq it saw.
        for (;;) {
          const done = !writing;
          const batch = await reader.articlesAfter(cursor, undefined, 40);
          for (const article of batch) seen.push(article.seq);
          if (batch.length) {
            cursor = batch[batch.length - 1]?.seq ?? cursor;
            if (!done) liveReads++;
          }
          if (done && batch.length === 0) return;
          if (!batch.length) await new Promise((r) => setTimeout(r, 2));
        }
      };
      const following = follow();
      const results = (
        await Promise.all([
          writeStories(a, plans[0] as WriterPlan),
          writeStories(b, plans[1] as WriterPlan),
          writeInProcess(url, plans[2] as WriterPlan),
        ]).finally(() => {
          writing = false;
        })
      ).flat();
      await following;

      const total = expectedKeys.size;
      expect(await reader.latestSeq()).toBe(total);
      // Every key stored exactly once: one "created" per key, and every caller got that story.
      const byKey = new Map<string, WriteResult[]>();
      for (const r of results) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
      expect(new Set(byKey.keys())).toEqual(expectedKeys);
      for (const [key, answers] of byKey) {
        expect(
          answers.filter((r) => r.created),
          key,
        ).toHaveLength(1);
        expect(new Set(answers.map((r) => r.id)).size, key).toBe(1);
      }
      expect(byKey.get('shared:0')).toHaveLength(3);
      // Dense seqs 1..N in the table, one per created story.
      const stored = await reader.articlesAfter(0, undefined, total + 10);
      expect(stored.map((s) => s.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const created = results.filter((r) => r.created).map((r) => r.seq);
      expect(created.sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      // The reader saw every seq exactly once, in order: nothing became visible behind its cursor.
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(liveReads).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.close(), b.close(), reader.close()]);
    }
  }, 120_000);
});

describe('postgres store: connections cut mid-burst', () => {
  it('keeps seq dense and each story once when the server ends connections while writers retry', async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([
      PostgresStore.open({ url, poolSize: 3 }),
      PostgresStore.open({ url, poolSize: 3 }),
    ]);
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    try {
      const keys = Array.from({ length: 150 }, (_, i) => `cut:${i}`);
      let failures = 0;
      /** As the ingest API's clients do: try again until answered (bounded by a deadline). */
      const retry = async <T>(attempt: () => Promise<T>): Promise<T> => {
        const deadline = Date.now() + 60_000;
        for (;;) {
          try {
            return await attempt();
          } catch (err) {
            failures++;
            if (Date.now() > deadline) throw err;
            await new Promise((r) => setTimeout(r, 5));
          }
        }
      };
      let next = 0;
      const results: { article: { id: string; seq: number } }[] = [];
      /** Four producers per node, each posting the next story once the last was acknowledged. */
      const producer = async (store: PostgresStore) => {
        while (next < keys.length) {
          const n = next++;
          const key = keys[n] as string;
          results.push(await retry(() => store.insertArticle({ ...draft(n, ['AAPL']), dedupeKey: key })));
        }
      };
      let writing = true;
      let cuts = 0;
      const cutter = (async () => {
        while (writing) {
          const { rows } = await admin.query<{ n: number }>(
            `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
             WHERE application_name = 'tickerwire' AND datname = $1`,
            [new URL(url).pathname.slice(1)],
          );
          cuts += rows[0]?.n ?? 0;
          await new Promise((r) => setTimeout(r, 40));
        }
      })();
      await Promise.all([a, a, a, a, b, b, b, b].map(producer)).finally(() => {
        writing = false;
      });
      await cutter;
      expect(results).toHaveLength(keys.length);
      const stored = await retry(() => a.articlesAfter(0, undefined, 1_000));
      expect(stored.map((s) => s.seq)).toEqual(Array.from({ length: keys.length }, (_, i) => i + 1));
      expect(await retry(() => a.latestSeq())).toBe(keys.length);
      // Every acknowledged story is the stored one for its key (an answer lost with its connection
      // was retried and found the story committed, or committed it then).
      const byId = new Map(stored.map((s) => [s.id, s]));
      for (const r of results) expect(byId.has(r.article.id)).toBe(true);
      expect(new Set(results.map((r) => r.article.seq)).size).toBe(keys.length);
      expect(cuts).toBeGreaterThan(0);
      expect(failures).toBeGreaterThan(0);
    } finally {
      await admin.end();
      await Promise.all([a.close(), b.close()]);
    }
  }, 120_000);
});
