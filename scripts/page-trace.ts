/**
 * Which of the desk's tasks are long, and what is in them: the desk of `npm run bench -- --only page`
 * (same server, 50 symbols ticking 10 times a second, a story a second) traced for a while after the
 * bench's warm-up. The trace (`devtools.timeline`) gives every main-thread task and the rendering
 * work in it; a CPU profile taken over the same time says which functions the script time went to.
 * Prints every task over `--over` ms with its style/layout/paint time and its heaviest functions.
 *
 *   npx tsx scripts/page-trace.ts [--seconds 20] [--over 30] [--top 12] [--profile] [--calls [--match REGEX]]
 *
 * `--dump FILE` writes the trace's events as JSON. `--calls` counts how often the components and hooks ran (or the functions whose "name file" matches
 * `--match`).
 *
 * Needs `npm run build` (dist/client) first; `npx vite build --minify false` keeps the names of
 * React components and recharts' functions readable.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import { sleep } from '../bench/clock.js';
import { keepAliveAgent } from '../bench/http.js';
import { PAGE_SYMBOLS, poster, startPageServer } from '../bench/page.js';
import { launchBrowser } from '../tests/support/browser.js';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    over: { type: 'string', default: '30' },
    top: { type: 'string', default: '12' },
    profile: { type: 'boolean', default: false },
    calls: { type: 'boolean', default: false },
    match: { type: 'string' },
    dump: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const overMs = Number(args.over);
const top = Number(args.top);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: Record<string, unknown>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

async function collectTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  return events;
}

/** Calls of every function of the page's own bundles since the last take, by name and file. */
async function callCounts(cdp: CDPSession): Promise<Map<string, number>> {
  const { result } = (await cdp.send('Profiler.takePreciseCoverage')) as unknown as {
    result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
  };
  const counts = new Map<string, number>();
  for (const script of result) {
    if (!script.url.includes('/assets/')) continue;
    const file = (script.url.split('/').pop() ?? '').replace(/-[\w-]{8}\.js$/, '.js');
    for (const f of script.functions) {
      const k = `${f.functionName || '(anonymous)'} ${file}`;
      counts.set(k, (counts.get(k) ?? 0) + (f.ranges[0]?.count ?? 0));
    }
  }
  return counts;
}

const frameName = (n: ProfileNode) => {
  const f = n.callFrame;
  const file = f.url.split('/').pop() ?? '';
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
};

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'page-trace-'));
  const server = await startPageServer(tmp);
  const agent = keepAliveAgent(1);
  const browser = await launchBrowser();
  const post = poster(server, agent, `trace-${Date.now().toString(36)}`);
  try {
    await server.child.ask({ type: 'start-ticks' });
    for (let i = 0; i < PAGE_SYMBOLS.length; i++) await post();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    const cdp = await page.context().newCDPSession(page);
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="article-row"]', { timeout: 30_000 });
    await sleep(5_000); // the bench's warm-up
    if (args.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    }
    await cdp.send('Tracing.start', {
      traceConfig: {
        includedCategories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'blink.user_timing',
        ],
      },
      transferMode: 'ReportEvents',
    });
    if (args.profile) await cdp.send('Profiler.start');
    if (args.calls) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
      await cdp.send('Profiler.takePreciseCoverage'); // counts from here on
    }
    const t0 = Date.now();
    for (let posted = 0; Date.now() - t0 < seconds * 1000; ) {
      await sleep(Math.max(0, t0 + posted * 1000 - Date.now()));
      await post();
      posted++;
    }
    const empty: Profile = { nodes: [], startTime: 0, samples: [], timeDeltas: [] };
    const profile = args.profile
      ? ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile
      : empty;
    const calls = args.calls ? await callCounts(cdp) : null;
    const events = await collectTrace(cdp);
    if (args.dump) writeFileSync(args.dump, JSON.stringify(events));
    if (calls) {
      console.log(
        "calls of the page's functions over the traced time (most called first; components and hooks)",
      );
      const pick = args.match ? new RegExp(args.match) : /^[A-Z][A-Za-z]+ |^use[A-Z]/;
      const named = [...calls].filter(([name]) => pick.test(name)).sort((a, b) => b[1] - a[1]);
      for (const [name, count] of named.slice(0, top * 3))
        console.log(`  ${String(count).padStart(8)}  ${name}`);
      const total = [...calls.values()].reduce((x, y) => x + y, 0);
      console.log(`  ${String(total).padStart(8)}  calls in all`);
    }
    report(events, profile);
  } finally {
    await browser.close();
    agent.destroy();
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function report(events: TraceEvent[], profile: Profile): void {
  // The renderer's main thread: the one running the page's script.
  const mainTid = events.find((e) => e.name === 'FunctionCall' || e.name === 'EvaluateScript')?.tid;
  const main = events.filter((e) => e.tid === mainTid);
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) > 0);
  const durs = tasks.map((t) => (t.dur ?? 0) / 1000).sort((a, b) => b - a);
  console.log(
    `${tasks.length} tasks in ${seconds} s; over 50 ms: ${durs.filter((d) => d > 50).length}, over ${overMs} ms: ${durs.filter((d) => d > overMs).length}; longest ${durs
      .slice(0, 10)
      .map((d) => d.toFixed(1))
      .join(', ')} ms`,
  );

  // Samples: time and leaf node; parents for inclusive attribution.
  const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
  const parent = new Map<number, number>();
  for (const nd of profile.nodes) for (const c of nd.children ?? []) parent.set(c, nd.id);
  const sampleTimes: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) {
    t += d;
    sampleTimes.push(t);
  }

  // Every task with script in it, by what started it: how many, and how long (median, 90th, max).
  const entries = main
    .filter(
      (e) =>
        e.ph === 'X' && ['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch'].includes(e.name),
    )
    .sort((a, b) => a.ts - b.ts);
  const kinds = new Map<string, number[]>();
  let j = 0;
  for (const tk of [...tasks].sort((a, b) => a.ts - b.ts)) {
    while (j < entries.length && (entries[j] as TraceEvent).ts < tk.ts) j++;
    const end = tk.ts + (tk.dur ?? 0);
    const first: string[] = [];
    for (let k = j; k < entries.length && (entries[k] as TraceEvent).ts < end && first.length < 2; k++) {
      const e = entries[k] as TraceEvent;
      const d = e.args?.data as Record<string, unknown> | undefined;
      first.push(
        `${e.name}${d?.functionName ? `(${d.functionName})` : ''}${d?.url ? ` ${String(d.url).split('/').pop()}:${d.lineNumber}` : ''}`,
      );
    }
    if (first.length === 0) continue;
    const key = first.join(' / ');
    const list = kinds.get(key) ?? [];
    list.push((tk.dur ?? 0) / 1000);
    kinds.set(key, list);
  }
  const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
  console.log('tasks with script, by what started them: count, median / 90th / max ms, total ms');
  for (const [key, xs] of [...kinds]
    .sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0))
    .slice(0, 12)) {
    xs.sort((a, b) => a - b);
    console.log(
      `  ${String(xs.length).padStart(5)}  ${q(xs, 0.5).toFixed(1)} / ${q(xs, 0.9).toFixed(1)} / ${(xs.at(-1) ?? 0).toFixed(1)}  ${xs
        .reduce((x, y) => x + y, 0)
        .toFixed(0)
        .padStart(6)}  ${key}`,
    );
  }

  const long = tasks.filter((tk) => (tk.dur ?? 0) / 1000 > overMs).sort((a, b) => a.ts - b.ts);
  const allSelf = new Map<string, number>();
  const allIncl = new Map<string, number>();
  const groups = new Map<
    string,
    { n: number; ms: number; self: Map<string, number>; incl: Map<string, number> }
  >();
  for (const tk of long) {
    const end = tk.ts + (tk.dur ?? 0);
    const inside = main.filter((e) => e.ts >= tk.ts && e.ts < end && e.ph === 'X' && e !== tk);
    const sums = new Map<string, number>();
    for (const e of inside) sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    const what = inside
      .filter((e) =>
        ['FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks'].includes(
          e.name,
        ),
      )
      .slice(0, 3)
      .map((e) => {
        const d = e.args?.data as Record<string, unknown> | undefined;
        return `${e.name}${d?.functionName ? `(${d.functionName})` : ''}${d?.url ? ` ${String(d.url).split('/').pop()}:${d.lineNumber}` : ''}`;
      });
    const kind = what.slice(0, 2).join(' / ') || '(no script)';
    let g = groups.get(kind);
    if (!g) {
      g = { n: 0, ms: 0, self: new Map(), incl: new Map() };
      groups.set(kind, g);
    }
    g.n++;
    g.ms += (tk.dur ?? 0) / 1000;
    const self = g.self;
    const incl = g.incl;
    for (let i = 0; i < profile.samples.length; i++) {
      const st = sampleTimes[i] as number;
      if (st < tk.ts || st >= end) continue;
      const dt = (profile.timeDeltas[i + 1] ?? 200) / 1000;
      let id: number | undefined = profile.samples[i];
      const leaf = byId.get(id as number);
      if (leaf) {
        const k = frameName(leaf);
        self.set(k, (self.get(k) ?? 0) + dt);
        allSelf.set(k, (allSelf.get(k) ?? 0) + dt);
      }
      const seen = new Set<string>();
      while (id !== undefined) {
        const nd = byId.get(id);
        if (!nd) break;
        const k = frameName(nd);
        if (!seen.has(k)) {
          seen.add(k);
          incl.set(k, (incl.get(k) ?? 0) + dt);
          allIncl.set(k, (allIncl.get(k) ?? 0) + dt);
        }
        id = parent.get(id);
      }
    }
    const render = [
      'UpdateLayoutTree',
      'Layout',
      'Paint',
      'PrePaint',
      'Layerize',
      'HitTest',
      'MajorGC',
      'MinorGC',
    ]
      .map((k) => `${k} ${(sums.get(k) ?? 0).toFixed(1)}`)
      .join(', ');
    // Script: the outermost script events of the task (nested ones are inside them).
    const scriptEvents = inside.filter((e) =>
      ['FunctionCall', 'RunMicrotasks', 'EvaluateScript', 'V8.Execute'].includes(e.name),
    );
    let script = 0;
    let until = 0;
    for (const e of scriptEvents.sort((a, b) => a.ts - b.ts)) {
      if (e.ts >= until) {
        script += (e.dur ?? 0) / 1000;
        until = e.ts + (e.dur ?? 0);
      }
    }
    console.log(
      `${((tk.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms at ${((tk.ts - (tasks[0]?.ts ?? 0)) / 1e6).toFixed(2).padStart(6)} s  script ${script.toFixed(1)}; ${render}  | ${what.join(' / ')}`,
    );
  }
  for (const [kind, grp] of [...groups].sort((a, b) => b[1].ms - a[1].ms)) {
    const list = (m: Map<string, number>, k: number, keep: (name: string) => boolean) =>
      [...m]
        .filter(([name]) => keep(name))
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([name, ms]) => `${(ms / grp.n).toFixed(1).padStart(6)}  ${name}`)
        .join('\n      ');
    console.log(`\n${grp.n} tasks, mean ${(grp.ms / grp.n).toFixed(1)} ms: ${kind} (per task:)`);
    console.log(`  self:\n      ${list(grp.self, top, () => true)}`);
    console.log(
      `  components and app functions:\n      ${list(grp.incl, top * 2, (nm) => /^[A-Z]/.test(nm) || /^use/.test(nm) || /^(select|combine|build|merge|endLabels|flush|apply)/.test(nm))}`,
    );
  }
  const fmtAll = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, ms]) => `${ms.toFixed(1).padStart(7)}  ${name}`)
      .join('\n    ');
  console.log(`\nall tasks over ${overMs} ms, self:\n    ${fmtAll(allSelf, top * 2)}`);
  console.log(`all tasks over ${overMs} ms, inclusive:\n    ${fmtAll(allIncl, top * 4)}`);
}

await main();
