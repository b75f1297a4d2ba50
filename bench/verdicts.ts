import type { HeapParts } from './heap-split.js';
import type { BenchResults, LatencyRun, TicksRun } from './results.js';
import { median } from './stats.js';
import { fmt } from './table.js';
import { TICKS_VERDICT_RATE } from './ticks.js';

/** One floor of the benchmark: the figure measured, what it is held against, and whether it holds. */
export interface Verdict {
  floor: string;
  figure: string;
  /** The baseline figure (same run) or the fixed limit. */
  against: string;
  /** null: not measured in this run. */
  pass: boolean | null;
}

const med = <T>(repeats: readonly T[], pick: (r: T) => number) => median(repeats.map(pick));

function latencyAt(r: BenchResults, system: string, clients: number): LatencyRun | undefined {
  return r.latency.find((x) => x.system.startsWith(system) && x.clients === clients);
}

function ticksRun(r: BenchResults, pred: (x: TicksRun) => boolean): TicksRun | undefined {
  return r.ticks.find(pred);
}

const notMeasured = (floor: string): Verdict => ({ floor, figure: '–', against: '–', pass: null });

/** Every floor of the issue, judged on this run's figures (medians over the repeats). */
export function verdicts(r: BenchResults): Verdict[] {
  const out: Verdict[] = [];

  const floorLatency = 'story latency p99 at C=1000 within 1.5x of bare ws (same run)';
  const tw = latencyAt(r, 'tickerwire', 1000);
  const ws = latencyAt(r, 'baseline', 1000);
  const sio = latencyAt(r, 'reference', 1000);
  if (tw && ws) {
    const a = med(tw.repeats, (x) => x.from201.p99);
    const b = med(ws.repeats, (x) => x.from201.p99);
    const c = sio ? med(sio.repeats, (x) => x.from201.p99) : Number.NaN;
    out.push({
      floor: floorLatency,
      figure: `${fmt(a, 1)} ms (${fmt(a / b, 2)}x)`,
      against: `ws ${fmt(b, 1)} ms → ≤ ${fmt(1.5 * b, 1)} ms${sio ? `; bare Socket.IO ${fmt(c, 1)} ms (${fmt(c / b, 2)}x)` : ''}`,
      pass: a <= 1.5 * b,
    });
  } else out.push(notMeasured(floorLatency));

  const floorTicks = `ticks delivered per server CPU-second ≥ 10x the naive baseline (C=1000, ${TICKS_VERDICT_RATE} ticks/s)`;
  const atRate = (x: TicksRun) => x.ticksPerSecond === TICKS_VERDICT_RATE && x.clients === 1000;
  const twTicks = ticksRun(r, (x) => x.system.startsWith('tickerwire') && atRate(x));
  const naive = ticksRun(r, (x) => x.system.startsWith('baseline') && atRate(x));
  if (twTicks && naive) {
    const a = med(twTicks.repeats, (x) => x.ticksPerCpuSecond);
    const b = med(naive.repeats, (x) => x.ticksPerCpuSecond);
    // The same batches from a bare ws server: what one write per client per frame allows here.
    const limitRun = ticksRun(r, (x) => x.system.startsWith('limit') && atRate(x));
    const l = limitRun ? med(limitRun.repeats, (x) => x.ticksPerCpuSecond) : Number.NaN;
    out.push({
      floor: floorTicks,
      figure: `${fmt(a, 0)} (${fmt(a / b, 1)}x)`,
      against: `naive ${fmt(b, 0)} → ≥ ${fmt(10 * b, 0)}${limitRun ? `; bare ws limit ${fmt(l, 0)} (${fmt(l / b, 1)}x)` : ''}`,
      pass: a >= 10 * b,
    });
  } else out.push(notMeasured(floorTicks));

  const floorAge = `newest price on the client ≤ 150 ms old at p99 (C=1000, ${TICKS_VERDICT_RATE} ticks/s)`;
  if (twTicks) {
    const a = med(twTicks.repeats, (x) => x.ageP99Ms);
    const b = naive ? med(naive.repeats, (x) => x.ageP99Ms) : Number.NaN;
    out.push({
      floor: floorAge,
      figure: `${fmt(a, 0)} ms`,
      against: `≤ 150 ms (naive ${fmt(b, 0)} ms)`,
      pass: a <= 150,
    });
  } else out.push(notMeasured(floorAge));

  const floorMemory = 'server memory per idle client ≤ 16 KB (heapUsed after GC)';
  const mem = r.memory.find((x) => x.system.startsWith('tickerwire'));
  if (mem) {
    const heap = med(mem.repeats, (x) => x.heapUsedPerClient);
    const rss = med(mem.repeats, (x) => x.rssPerClient);
    out.push({
      floor: floorMemory,
      figure: `${fmt(heap / 1024, 1)} KB (RSS ${fmt(rss / 1024, 1)} KB)`,
      against: '≤ 16 KB',
      pass: heap <= 16 * 1024,
    });
  } else out.push(notMeasured(floorMemory));

  const floorScale = '5,000 clients, 100 symbols ticking, a story a second: server CPU < 1 core';
  const scale = ticksRun(r, (x) => x.clients === 5000);
  if (scale) {
    const cpu = med(scale.repeats, (x) => x.serverCpuPercent);
    const made = med(scale.repeats, (x) => x.madePerSecond);
    out.push({
      floor: floorScale,
      figure: `${fmt(cpu, 0)}% of a core (source kept ${fmt(made, 0)} of ${scale.ticksPerSecond} ticks/s)`,
      against: '< 100%',
      pass: cpu < 100,
    });
  } else out.push(notMeasured(floorScale));

  const page = r.page[0];
  const pageFloors: [string, () => Verdict][] = [
    [
      'page ≥ 55 fps',
      () => ({
        floor: 'page ≥ 55 fps (median over the seconds)',
        figure: `${fmt(page?.fpsMedian ?? Number.NaN, 1)} fps (min ${fmt(page?.fpsMin ?? Number.NaN, 1)})`,
        against: '≥ 55',
        pass: (page?.fpsMedian ?? 0) >= 55,
      }),
    ],
    [
      'page: no long task over 50 ms',
      () => ({
        floor: 'page: no long task over 50 ms',
        figure: `${page?.longTasks ?? 0} long tasks, longest ${fmt(page?.longTaskMaxMs ?? 0, 0)} ms`,
        against: 'none',
        pass: (page?.longTasks ?? 1) === 0,
      }),
    ],
    [
      'page: flat heap',
      () => {
        // The page's objects (JS and native/DOM, from heap snapshots after GC); V8's compiled code,
        // which grows for minutes as it compiles, is shown apart. Without snapshots: the whole JS heap.
        const parts = page?.heapParts;
        const objects = (p: HeapParts) => p.js + p.native;
        const start = parts ? objects(parts.start) : (page?.heapStartMiB ?? Number.NaN);
        const end = parts ? objects(parts.end) : (page?.heapEndMiB ?? Number.NaN);
        const allowed = Math.max(1, 0.1 * start);
        const whole = `whole JS heap ${fmt(page?.heapStartMiB ?? Number.NaN, 1)} → ${fmt(page?.heapEndMiB ?? Number.NaN, 1)} MiB`;
        return {
          floor: parts
            ? 'page: flat heap (objects after GC, end − start ≤ 10% or 1 MiB; compiled code apart)'
            : 'page: flat heap (JS heap after GC, end − start ≤ 10% or 1 MiB)',
          figure: parts
            ? `objects ${fmt(start, 1)} → ${fmt(end, 1)} MiB; code ${fmt(parts.start.code, 1)} → ${fmt(parts.end.code, 1)}; ${whole}`
            : whole,
          against: `≤ +${fmt(allowed, 1)} MiB`,
          pass: end - start <= allowed,
        };
      },
    ],
    [
      'page: initial JS ≤ 300 KB gzipped',
      () => ({
        floor: 'page: initial JS ≤ 300 KB gzipped',
        figure: `${fmt(page?.initialJsGzKiB ?? Number.NaN, 1)} KiB`,
        against: '≤ 300',
        pass: (page?.initialJsGzKiB ?? Number.POSITIVE_INFINITY) <= 300,
      }),
    ],
    [
      'page: first story ≤ 1 s',
      () => ({
        floor: 'page: first story on screen ≤ 1 s after navigation',
        figure: `${fmt(page?.firstStoryMs ?? Number.NaN, 0)} ms`,
        against: '≤ 1000 ms',
        pass: (page?.firstStoryMs ?? Number.POSITIVE_INFINITY) <= 1000,
      }),
    ],
  ];
  for (const [name, make] of pageFloors) out.push(page ? make() : notMeasured(name));
  return out;
}
