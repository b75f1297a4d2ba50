import type { Agent } from 'node:http';
import { ClientGroup, type GroupReport } from './client-group.js';
import { nowMs, sleep } from './clock.js';
import { type BenchContext, recordStartup } from './context.js';
import { httpRequest, keepAliveAgent } from './http.js';
import type { ClientJob } from './messages.js';
import type { TicksRepeat, TicksRun } from './results.js';
import { type RunningServer, startLimitTicks, startNaiveTicks, startTickerwire } from './servers.js';
import { quantile } from './stats.js';
import { makeStory } from './stories.js';

/** The source's rates (ticks a second over the 100 bench symbols): the floors' 2,000, and a busier market. */
export const TICKS_PER_SECOND = 2_000;
/** The rate the ticks floor is judged at (Tickerwire, its limit and the naive baseline all run it). */
export const TICKS_VERDICT_RATE = 5_000;
const WATCH_PER_CLIENT = 10;
const WARMUP_MS = 2_000;

export interface TicksScenario {
  system: string;
  kind: Extract<ClientJob['kind'], 'socketio' | 'naive' | 'ws-ticks'>;
  clients: number;
  clientProcesses: number;
  /** The source's rates, measured one after the other with the same clients (one run each). */
  rates: number[];
  /** Stories posted a second while measuring (Tickerwire only). */
  storiesPerSecond: number;
  repeats: number;
  windowMs: number;
}

/** Age (ms) below which a share q of the ticks arrived, from an age histogram. */
export function ageQuantile(ages: Map<number, number>, q: number): number {
  const total = [...ages.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return Number.NaN;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const age of [...ages.keys()].sort((a, b) => a - b)) {
    seen += ages.get(age) ?? 0;
    if (seen >= rank) return age;
  }
  return Number.NaN;
}

/** Posts one story a second until stopped; counts the 201s and keeps when each was answered, by seq. */
function storyPoster(ctx: BenchContext, server: RunningServer, perSecond: number) {
  const agent: Agent = keepAliveAgent(1);
  let running = perSecond > 0;
  let n = 0;
  let posted = 0;
  const answeredAt = new Map<number, number>();
  const loop = (async () => {
    while (running) {
      const started = nowMs();
      const res = await httpRequest(`${server.url}/api/articles`, {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${server.token}` },
        body: JSON.stringify(makeStory(`${ctx.runId}-ticks`, n++)),
      }).catch(() => null);
      if (res?.status === 201) {
        posted++;
        answeredAt.set((JSON.parse(res.body) as { seq: number }).seq, res.headersAt);
      }
      await sleep(Math.max(0, 1000 / perSecond - (nowMs() - started)));
    }
  })();
  return {
    get posted() {
      return posted;
    },
    answeredAt,
    async stop() {
      running = false;
      await loop;
      agent.destroy();
    },
  };
}

/** Adds a report's story receipts to `into` (seq -> receipt times at the clients). */
function keepReceipts(into: Map<number, number[]>, rep: GroupReport): void {
  for (const [seq, times] of rep.receipts) into.set(seq, [...(into.get(seq) ?? []), ...times]);
}

async function window(
  server: RunningServer,
  group: GroupReportSource,
  ms: number,
  receipts: Map<number, number[]>,
): Promise<TicksRepeat> {
  keepReceipts(receipts, await group.report());
  const clients0 = await group.cpu();
  const cpu0 = (await server.child.ask({ type: 'usage', gc: false })).cpu;
  const made0 = (await server.child.ask({ type: 'ticks' })).made;
  const t0 = nowMs();
  await sleep(ms);
  const cpu1 = (await server.child.ask({ type: 'usage', gc: false })).cpu;
  const made1 = (await server.child.ask({ type: 'ticks' })).made;
  const clients1 = await group.cpu();
  const seconds = (nowMs() - t0) / 1000;
  const rep: GroupReport = await group.report();
  keepReceipts(receipts, rep);
  const cpuSeconds = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1e6;
  return {
    seconds,
    madePerSecond: (made1 - made0) / seconds,
    deliveredPerSecond: rep.ticks / seconds,
    framesPerClientPerSecond: rep.tickFrames / group.total / seconds,
    serverCpuPercent: (cpuSeconds / seconds) * 100,
    clientCpuPercent: clients1.map((c, i) => ((c - (clients0[i] ?? 0)) / 1e6 / seconds) * 100),
    ticksPerCpuSecond: cpuSeconds > 0 ? rep.ticks / cpuSeconds : Number.NaN,
    ageP50Ms: ageQuantile(rep.tickAges, 0.5),
    ageP99Ms: ageQuantile(rep.tickAges, 0.99),
    ageMaxMs: Math.max(...rep.tickAges.keys()),
    storiesDelivered: rep.receipts.size ? [...rep.receipts.values()].reduce((n, r) => n + r.length, 0) : 0,
    disconnects: rep.disconnects,
  };
}

type GroupReportSource = Pick<ClientGroup, 'report' | 'total' | 'cpu'>;

/**
 * Runs one scenario on a running server: C clients each watching 10 symbols, measured over a few
 * windows at each of the source's rates in turn (one run per rate).
 */
export async function runTicks(
  ctx: BenchContext,
  server: RunningServer,
  s: TicksScenario,
): Promise<TicksRun[]> {
  ctx.progress(`ticks: ${s.system}, C=${s.clients}: connecting`);
  const group = await ClientGroup.start(s.kind, server.url, s.clients, s.clientProcesses, WATCH_PER_CLIENT);
  try {
    ctx.progress(`ticks: ${s.system}, C=${s.clients}: connected in ${group.connectMs.toFixed(0)} ms`);
    const runs: TicksRun[] = [];
    // The clients are warm after the first rate: a shorter settling time for the next ones.
    for (const [i, rate] of s.rates.entries())
      runs.push(await runRate(ctx, server, group, s, rate, i === 0 ? WARMUP_MS : WARMUP_MS / 2));
    return runs;
  } finally {
    await group.stop();
  }
}

async function runRate(
  ctx: BenchContext,
  server: RunningServer,
  group: ClientGroup,
  s: TicksScenario,
  rate: number,
  warmupMs: number,
): Promise<TicksRun> {
  const poster = storyPoster(ctx, server, s.storiesPerSecond);
  try {
    await server.child.ask({ type: 'start-ticks', perSecond: rate });
    await sleep(warmupMs);
    const repeats: TicksRepeat[] = [];
    const receipts = new Map<number, number[]>();
    for (let r = 0; r < s.repeats; r++) repeats.push(await window(server, group, s.windowMs, receipts));
    // Story latency while ticking, from the 201, over the stories every client received.
    const latencies: number[] = [];
    let stories = 0;
    for (const [seq, answered] of poster.answeredAt) {
      const times = receipts.get(seq);
      if (!times || times.length < group.total) continue;
      stories++;
      for (const t of times) latencies.push(t - answered);
    }
    latencies.sort((a, b) => a - b);
    return {
      system: s.system,
      clients: s.clients,
      clientProcesses: s.clientProcesses,
      watchPerClient: WATCH_PER_CLIENT,
      ticksPerSecond: rate,
      storiesPerSecond: s.storiesPerSecond,
      connectMs: group.connectMs,
      repeats,
      ...(stories
        ? {
            storyLatency: {
              stories,
              from201: {
                p50: quantile(latencies, 0.5),
                p99: quantile(latencies, 0.99),
                max: latencies[latencies.length - 1] ?? Number.NaN,
              },
            },
          }
        : {}),
    };
  } finally {
    await server.child.ask({ type: 'pause-ticks' }).catch(() => {});
    await poster.stop();
  }
}

/**
 * 2. Ticks: 100 symbols at 2,000 and 5,000 ticks/s, 1,000 clients each watching 10, in separate
 * processes, and 5,000 clients with a story a second; at 5,000 ticks/s, the limit (the same batches
 * from a bare ws server) and the baseline: the naive server (one Socket.IO message per tick per
 * client) in the same run.
 */
export async function ticksSection(ctx: BenchContext): Promise<void> {
  const { quick } = ctx;
  const repeats = 3;
  const windowMs = quick ? 2_000 : 3_000;
  const tw = await startTickerwire(
    ctx.tmpRoot,
    'ticks',
    { MOCK_BACKFILL_MINUTES: '0' },
    { ticksPerSecond: TICKS_PER_SECOND },
  );
  recordStartup(ctx, 'tickerwire (ticks)', 0, tw);
  try {
    ctx.results.ticks.push(
      ...(await runTicks(ctx, tw, {
        system: 'tickerwire (socket.io, batched)',
        kind: 'socketio',
        clients: 1000,
        clientProcesses: 2,
        rates: [TICKS_PER_SECOND, TICKS_VERDICT_RATE],
        storiesPerSecond: 0,
        repeats,
        windowMs,
      })),
    );
    ctx.results.ticks.push(
      ...(await runTicks(ctx, tw, {
        system: 'tickerwire, a story a second',
        kind: 'socketio',
        clients: 5000,
        clientProcesses: 4,
        rates: [TICKS_PER_SECOND],
        storiesPerSecond: 1,
        repeats,
        windowMs,
      })),
    );
  } finally {
    await tw.stop();
  }
  // The limit of the design (the same batching on a bare ws server, one write per client per
  // frame), then the naive way; 1,000 clients each.
  const baselines = [
    { system: 'limit (bare ws, the same batches)', kind: 'ws-ticks', start: startLimitTicks },
    { system: 'baseline (naive: a message per tick)', kind: 'naive', start: startNaiveTicks },
  ] as const;
  for (const { system, kind, start } of baselines) {
    const server = await start(TICKS_VERDICT_RATE);
    try {
      ctx.results.ticks.push(
        ...(await runTicks(ctx, server, {
          system,
          kind,
          clients: 1000,
          clientProcesses: 2,
          rates: [TICKS_VERDICT_RATE],
          storiesPerSecond: 0,
          repeats,
          windowMs,
        })),
      );
    } finally {
      await server.stop();
    }
  }
}
