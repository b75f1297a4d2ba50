import type { Agent } from 'node:http';
import { nowMs } from './clock.js';
import { type BenchContext, recordStartup } from './context.js';
import { getJson, httpRequest, keepAliveAgent } from './http.js';
import { measureRate } from './rate.js';
import type { IngestRun, RateRepeat } from './results.js';
import { type RunningServer, startBaseline, startTickerwire } from './servers.js';
import { makeStory } from './stories.js';

const CONCURRENCY = 8;
const SECONDS = 5;
const BASELINE_SECONDS = 2;
const WARMUP_SECONDS = 1;
const REPEATS = 3;

/** A rate that falls repeat after repeat is a trend (cost growing with stored stories), not noise: say so. */
function noteTrend(ctx: BenchContext, system: string, rates: number[]): void {
  const falling = rates.every((r, i) => i === 0 || r < (rates[i - 1] ?? r));
  const first = rates[0] ?? 0;
  const last = rates[rates.length - 1] ?? 0;
  if (falling && last < 0.8 * first) {
    ctx.results.notes.push(
      `ingest ${system}: the rate fell repeat after repeat (${rates.map((r) => r.toFixed(0)).join(' → ')} stories/s) as stories accumulated, so its median is not a steady-state figure`,
    );
  }
}

async function run(
  ctx: BenchContext,
  system: string,
  server: RunningServer,
  path: string,
  seconds: number,
  clientsConnected: number,
): Promise<IngestRun> {
  const agent: Agent = keepAliveAgent(CONCURRENCY);
  let n = 0;
  const send = () =>
    httpRequest(`${server.url}${path}`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${server.token}` },
      body: JSON.stringify(makeStory(`${ctx.runId}-ingest`, n++)),
    });
  try {
    ctx.progress(`ingest: ${system}: warming up`);
    await measureRate(send, WARMUP_SECONDS, CONCURRENCY);
    const repeats: RateRepeat[] = [];
    for (let r = 0; r < REPEATS; r++) {
      ctx.progress(`ingest: ${system}: repeat ${r + 1}/${REPEATS}`);
      const before = await server.child.ask({ type: 'usage', gc: false });
      const started = nowMs();
      const { statuses, ...figures } = await measureRate(send, seconds, CONCURRENCY);
      const after = await server.child.ask({ type: 'usage', gc: false });
      const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
      if (figures.failed > 0) {
        ctx.results.notes.push(
          `ingest ${system}: ${figures.failed} requests not answered 201 (${JSON.stringify(statuses)})`,
        );
      }
      repeats.push({ ...figures, serverCpuPercent: (100 * cpuMs) / (nowMs() - started) });
    }
    noteTrend(
      ctx,
      system,
      repeats.map((x) => x.perSecond),
    );
    return { system, concurrency: CONCURRENCY, seconds, clientsConnected, repeats };
  } finally {
    agent.destroy();
  }
}

/**
 * 2. Ingest throughput through POST /api/articles with no client connected. Baselines: the HTTP +
 * JSON floor, and the same with one durable append (fdatasync) per story, as a commit needs.
 */
export async function ingestSection(ctx: BenchContext): Promise<void> {
  const tw = await startTickerwire(ctx.tmpRoot, 'ingest');
  recordStartup(ctx, 'tickerwire (ingest)', 5, tw);
  try {
    const { clients } = await getJson<{ clients: number }>(`${tw.url}/api/health`);
    ctx.results.ingest.push(await run(ctx, 'tickerwire', tw, '/api/articles', SECONDS, clients));
  } finally {
    await tw.stop();
  }
  const base = await startBaseline(ctx.tmpRoot, 'ingest-baseline');
  try {
    const floors = [
      { system: 'baseline: node:http + JSON', path: '/api/articles' },
      { system: 'baseline: same + append + fdatasync', path: '/api/articles?durable=1' },
    ];
    for (const f of floors)
      ctx.results.ingest.push(await run(ctx, f.system, base, f.path, BASELINE_SECONDS, 0));
  } finally {
    await base.stop();
  }
}
