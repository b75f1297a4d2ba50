/**
 * `npm run bench:store`: stories committed per second by the store itself (no HTTP), SQLite
 * against Postgres (a private server on loopback, fsync on), with one writer and with several
 * writers on two pools (two nodes). Prints figures (median and min–max of 3 repeats); asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '../server/store/postgres-store.js';
import { SqliteStore } from '../server/store/sqlite-store.js';
import { draft } from '../server/store/store.contract.js';
import type { Store } from '../server/store/types.js';
import { startPostgres } from '../tests/support/postgres.js';

const STORIES = 1_500;
const REPEATS = 3;

/** Inserts STORIES new stories spread over the stores, `perStore` at a time on each; stories/s. */
async function insertRate(stores: Store[], perStore: number, run: string): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    stores.flatMap((store) =>
      Array.from({ length: perStore }, async () => {
        while (next < STORIES) {
          const n = next++;
          await store.insertArticle({ ...draft(n, ['AAPL', 'MSFT~']), dedupeKey: `${run}:${n}` });
        }
      }),
    ),
  );
  return STORIES / ((performance.now() - started) / 1000);
}

/** Stories/s answered for keys already stored (producers' retries): no lock is taken. */
async function retryRate(store: Store, run: string): Promise<number> {
  const started = performance.now();
  for (let n = 0; n < STORIES; n++) await store.insertArticle({ ...draft(n, []), dedupeKey: `${run}:${n}` });
  return STORIES / ((performance.now() - started) / 1000);
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
function report(label: string, rates: number[]): void {
  const s = [...rates].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(46)} ${fmt(s[1] ?? 0).padStart(7)} stories/s  (${fmt(s[0] ?? 0)}–${fmt(s[2] ?? 0)})`,
  );
}

async function measure(name: string, open: () => Promise<Store>): Promise<void> {
  const shapes: [string, number, number][] = [
    ['1 writer', 1, 1],
    ['8 writers on 2 pools (two nodes)', 2, 4],
  ];
  for (const [label, pools, perPool] of shapes) {
    const rates: number[] = [];
    const retries: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const stores = await Promise.all(Array.from({ length: pools }, open));
      try {
        const run = `${label}-${r}`;
        rates.push(await insertRate(stores, perPool, run));
        if (pools === 1) retries.push(await retryRate(stores[0] as Store, run));
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    }
    report(`${name}: insert, ${label}`, rates);
    if (retries.length) report(`${name}: retry of a stored story, 1 writer`, retries);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tw-bench-store-'));
const pg = await startPostgres();
try {
  console.log(`${STORIES} stories per run, ${REPEATS} repeats; median (min–max)`);
  const file = join(dir, 'bench.db');
  // SQLite is one file for one process; "two pools" are two connections to the same file.
  await measure('sqlite', async () => new SqliteStore(file));
  const url = await pg.createDatabase();
  await measure('postgres', () => PostgresStore.open({ url, poolSize: 4 }));
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
