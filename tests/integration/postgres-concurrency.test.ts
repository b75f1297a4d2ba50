import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../server/store/postgres-store.js';
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
