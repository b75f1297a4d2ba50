/**
 * `npm run bench [-- --json FILE] [--only latency,ticks,ingest,history,memory,tagging,page,cluster]`: measures story latency,
 * ingest throughput, history queries and memory per client against baselines, prints a table,
 * optionally writes every figure to FILE. Prints figures only; it never asserts times.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchTagging, linearity } from '../scripts/bench-tagging.js';
import { killAllChildrenNow, stopAllChildren } from './children.js';
import { clusterLatency } from './cluster.js';
import type { BenchContext } from './context.js';
import { historySection } from './history.js';
import { ingestSection } from './ingest.js';
import { latencySection } from './latency.js';
import { BUSY_WARNING_PERCENT, busyPercent, machineMeta } from './machine.js';
import { memorySection } from './memory.js';
import { pageSection } from './page.js';
import { printReport } from './report.js';
import type { BenchResults } from './results.js';
import { ticksSection } from './ticks.js';
import { verdicts } from './verdicts.js';

/**
 * Past this, the bench gives up: everything it started is stopped and what was measured so far is
 * printed (and written with --json). A safety net for a machine busy with other work; on 2 quiet
 * cores the whole run takes about 5 minutes.
 */
const DEADLINE_MS = 10 * 60_000;

/** The run in progress, so the deadline can still report it. */
let running: { ctx: BenchContext; json: string | undefined; started: number } | null = null;

async function finish(ctx: BenchContext, json: string | undefined, started: number): Promise<void> {
  ctx.results.meta.busyAfterPercent = await busyPercent();
  noteBusy(ctx.results);
  ctx.results.notes.push(`whole run took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  ctx.results.verdicts = verdicts(ctx.results);
  printReport(ctx.results);
  if (json) {
    writeFileSync(json, `${JSON.stringify(ctx.results, null, 2)}\n`);
    console.log(`\nAll figures written to ${json}`);
  }
}

/** Data folders of every server the bench starts; removed on exit, however the bench ends. */
const tmpRoot = mkdtempSync(join(tmpdir(), 'tw-bench-'));

/** Tagging on the ingest path: stories a second on one core with the full symbol directory. */
async function taggingSection(ctx: BenchContext): Promise<void> {
  ctx.progress('tagging');
  const runs = [1, 2, 3].map(() => benchTagging(1));
  const rates = runs.map((r) => r.storiesPerSecond).sort((a, b) => a - b);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  ctx.results.notes.push(
    `tagging: ${fmt(rates[1] ?? 0)} (${fmt(rates[0] ?? 0)}–${fmt(rates[2] ?? 0)}) stories/s on one core, full directory, mix of ${runs[0]?.stories} stories; directory load ${fmt(runs[0]?.loadMs ?? 0)} ms`,
  );
  const lin = linearity();
  const ratios = lin.map((l) => l.ratio);
  ctx.results.notes.push(
    `tagging: 4x the text costs ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}x the time over ${lin.length} adversarial shapes (linear ≈ 4, quadratic ≈ 16)`,
  );
}

/**
 * Several nodes: story latency through Redis on two nodes against one node alone, on the same store
 * (a private Postgres when its binaries are installed). The full comparison: `npm run bench:cluster`.
 */
async function clusterSection(ctx: BenchContext): Promise<void> {
  ctx.progress('cluster');
  const r = await clusterLatency(ctx.quick ? 60 : 100, 10);
  const ms = (x: number) => x.toFixed(1);
  const single = r.rows[0];
  for (const row of r.rows) {
    const vs = single && row !== single ? ` (p99 ${(row.p99 / single.p99).toFixed(2)}x one node)` : '';
    ctx.results.notes.push(
      `cluster (${r.store}, ${r.stories} stories, ${r.clients} clients a node), POST sent → article:published: ${row.setup}: p50 ${ms(row.p50)} / p95 ${ms(row.p95)} / p99 ${ms(row.p99)} / max ${ms(row.max)} ms${vs}`,
    );
  }
}

const SECTIONS: Record<string, (ctx: BenchContext) => Promise<void>> = {
  latency: latencySection,
  ticks: ticksSection,
  ingest: ingestSection,
  history: historySection,
  memory: memorySection,
  tagging: taggingSection,
  page: pageSection,
  cluster: clusterSection,
};

function newResults(): BenchResults {
  return {
    meta: machineMeta(),
    startups: [],
    latency: [],
    ingest: [],
    history: [],
    memory: [],
    ticks: [],
    page: [],
    verdicts: [],
    notes: [],
  };
}

function noteBusy(r: BenchResults): void {
  const { busyBeforePercent: before, busyAfterPercent: after } = r.meta;
  if (Math.max(before, after) > BUSY_WARNING_PERCENT) {
    r.notes.push(
      `other work was using the CPUs (${before.toFixed(0)}% busy before the bench, ${after.toFixed(0)}% after): the figures are disturbed and vary more than they would on a quiet machine`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'string' }, only: { type: 'string' }, quick: { type: 'boolean' } },
  });
  const chosen = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(SECTIONS);
  const unknown = chosen.filter((s) => !(s in SECTIONS));
  if (unknown.length) throw new Error(`unknown section(s): ${unknown.join(', ')}`);

  const started = Date.now();
  const ctx: BenchContext = {
    tmpRoot,
    runId: `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
    results: newResults(),
    quick: values.quick ?? false,
    progress: (m) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${m}\n`),
  };
  ctx.results.meta.busyBeforePercent = await busyPercent();
  running = { ctx, json: values.json, started };
  try {
    for (const name of chosen) {
      const section = SECTIONS[name];
      if (!section) continue;
      try {
        await section(ctx);
      } catch (err) {
        ctx.results.notes.push(
          `${name}: not measured (or only partly): ${err instanceof Error ? err.message : String(err)}`,
        );
        await stopAllChildren();
      }
    }
  } finally {
    await stopAllChildren();
  }
  running = null;
  await finish(ctx, values.json, started);
}

const deadline = setTimeout(() => {
  console.error(
    `bench: still running after ${DEADLINE_MS / 1000} s; stopping and reporting what was measured`,
  );
  const run = running;
  running = null;
  void stopAllChildren()
    .then(async () => {
      if (!run) return;
      run.ctx.results.notes.push(
        `stopped at the ${DEADLINE_MS / 1000} s deadline: later sections are missing`,
      );
      await finish(run.ctx, run.json, run.started);
    })
    .finally(() => process.exit(1));
}, DEADLINE_MS);
deadline.unref();

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    void stopAllChildren().finally(() => process.exit(code));
  });
}
process.on('exit', () => {
  killAllChildrenNow();
  rmSync(tmpRoot, { recursive: true, force: true });
});

main().then(
  () => clearTimeout(deadline),
  async (err: unknown) => {
    console.error(err);
    await stopAllChildren();
    process.exitCode = 1;
  },
);
