// `npm run chaos`: the full fault runs, bounded in time and count, loopback only; prints a summary.
import { killMidBurst } from './kill-mid-burst.js';

const seeds = (process.env.CHAOS_SEEDS ?? '1,2,3,4,5').split(',').map(Number);
const rows = [];
for (const seed of seeds) {
  const r = await killMidBurst({ seed, stories: 1_000, clients: 20, paceMs: 5 });
  rows.push(r);
  process.stderr.write(`seed ${seed} done\n`);
}
console.log(
  '\nkill -9 mid-burst: 1,000 stories at ~200/s with retries, 20 clients, SIGKILL at a seeded moment, restart',
);
console.table(
  rows.map((r) => ({
    seed: r.seed,
    'killed after story': r.killedAfterStory,
    'producer retries': r.retries,
    'down (ms)': r.downMs,
    stored: r.stored,
    'stored twice': r.storedDuplicates,
    'seq dense': r.seqDense,
    'clients complete': `${r.clientsComplete}/${r.clients}`,
    'client duplicates': r.clientDuplicates,
    'clients out of order': r.clientOutOfOrder,
  })),
);
const ok = rows.every(
  (r) =>
    r.stored === r.stories &&
    r.storedDuplicates === 0 &&
    r.seqDense &&
    r.clientsComplete === r.clients &&
    r.clientDuplicates === 0 &&
    r.clientOutOfOrder === 0,
);
console.log(
  ok ? 'PASS: every acknowledged story stored once; every client has every story once, in order' : 'FAIL',
);
process.exitCode = ok ? 0 : 1;
