import { TICK_BATCH_MAX_PER_SYMBOL } from '../shared/index.js';
import type { BenchResults, LatencyRepeat, LatencyRun, Percentiles } from './results.js';
import { fmt, over, printTable } from './table.js';

const MIB = 1024 * 1024;

function printHeader(r: BenchResults): void {
  const m = r.meta;
  console.log('Tickerwire benchmark');
  console.log(
    `node ${m.node} · ${m.cpus} CPUs (${m.cpuModel}) · ${m.platform} · ${m.totalMemoryMiB} MiB RAM`,
  );
  console.log(`date ${m.date}`);
  console.log(
    `load average (1 min) at start ${fmt(m.loadAverage1m)}; CPUs busy with other work: ${fmt(m.busyBeforePercent, 0)}% before, ${fmt(m.busyAfterPercent, 0)}% after the bench`,
  );
  console.log('Figures are median (min–max) over 3 repeats unless said otherwise. Loopback only; the');
  console.log(
    'server, the client processes and the poster share the same CPUs, so all of them are in the figures.',
  );
}

function printStartups(r: BenchResults): void {
  const rows = r.startups.map((s) => [
    s.server,
    String(s.backfillMinutes),
    fmt(s.readyMs, 0),
    fmt(s.createMs, 0),
  ]);
  printTable(
    'Server start (ms, single starts)',
    ['server', 'backfill min', 'fork→listening', 'createServer'],
    rows,
    [
      'fork→listening includes starting node + tsx and importing the code; createServer is measured inside the child.',
    ],
  );
}

function latencyRows(
  runs: LatencyRun[],
  pick: (r: LatencyRepeat) => Percentiles,
  totals: boolean,
): string[][] {
  return runs.map((run) => [
    run.system,
    String(run.clients),
    over(run.repeats, (x) => pick(x).p50),
    over(run.repeats, (x) => pick(x).p99),
    over(run.repeats, (x) => pick(x).max),
    ...(totals
      ? [
          String(run.repeats[0]?.stories ?? 0),
          over(run.repeats, (x) => x.answerMs),
          String(run.repeats.reduce((n, x) => n + x.deliveries, 0)),
          String(run.repeats.reduce((n, x) => n + x.missing, 0)),
        ]
      : []),
  ]);
}

function printLatency(r: BenchResults): void {
  if (r.latency.length === 0) return;
  const header = ['system', 'C', 'p50', 'p99', 'max'];
  printTable(
    '1. Story latency (ms): POST answered 201 → article:published at each client; percentiles over all deliveries of a repeat (stories × C)',
    [...header, 'stories', 'POST→201 p50', 'deliveries', 'missing'],
    latencyRows(r.latency, (x) => x.from201, true),
    [
      'Negative: the client had the story before the poster had its 201 (the server publishes first, then answers).',
      'Baseline: the same article JSON (as Tickerwire answered it), broadcast once serialised to raw ws clients on POST /broadcast.',
      'Reference: the same article JSON sent by a bare Socket.IO server (one io.emit) to the same Socket.IO clients as Tickerwire: what Socket.IO costs here without Tickerwire.',
    ],
  );
  printTable(
    '   The same deliveries, measured from the moment the POST was sent (ms)',
    header,
    latencyRows(r.latency, (x) => x.fromSend, false),
  );
  for (const run of r.latency) {
    const clock = run.clock.map((c) => `${fmt(c.offsetMs, 3)}±${fmt(c.uncertaintyMs, 3)}`).join(', ');
    const other = over(run.repeats, (x) => x.otherMessagesPerClientPerSecond, 1);
    const reactions = over(run.repeats, (x) => x.reactionBytesPerClientPerSecond ?? 0, 0);
    const serverCpu = over(run.repeats, (x) => x.serverCpuMsPerStory ?? Number.NaN, 1);
    const clientCpu = over(run.repeats, (x) => x.clientCpuMsPerStory ?? Number.NaN, 1);
    console.log(
      `  ${run.system} C=${run.clients}: ${run.clientProcesses} client processes forked and connected in ${fmt(run.connectMs, 0)} ms, clock offsets ${clock} ms, other messages (ticks, heartbeats) ${other}/client/s, reactions:updated ${reactions} B/client/s, disconnects ${run.disconnects}; CPU per story: server ${serverCpu} ms, client processes ${clientCpu} ms`,
    );
  }
}

function printTicks(r: BenchResults): void {
  if (r.ticks.length === 0) return;
  const rows = r.ticks.map((run) => [
    run.system,
    String(run.clients),
    String(run.ticksPerSecond),
    String(run.storiesPerSecond),
    over(run.repeats, (x) => x.madePerSecond, 0),
    over(run.repeats, (x) => x.deliveredPerSecond, 0),
    over(run.repeats, (x) => x.framesPerClientPerSecond, 1),
    over(run.repeats, (x) => x.serverCpuPercent, 0),
    over(run.repeats, (x) => x.clientCpuPercent.reduce((a, b) => a + b, 0), 0),
    over(run.repeats, (x) => x.ticksPerCpuSecond, 0),
    over(run.repeats, (x) => x.ageP50Ms, 0),
    over(run.repeats, (x) => x.ageP99Ms, 0),
  ]);
  const first = r.ticks[0];
  printTable(
    `Ticks: 100 symbols, each client watching ${first?.watchPerClient ?? '?'} symbols (clients in separate processes)`,
    [
      'system',
      'C',
      'source ticks/s',
      'stories/s',
      'ticks made/s',
      'ticks delivered/s',
      'frames/client/s',
      'server CPU %',
      'clients CPU %',
      'ticks/CPU-s',
      'age p50 ms',
      'age p99 ms',
    ],
    rows,
    [
      'Delivered: ticks received, summed over all clients. Age: of the newest price of each symbol in each frame, client receipt minus the source stamp (same machine clock).',
      'Clients CPU: the client processes together, percent of one core; with the server they share the 2 cores, so past about 200% in all, ages measure the clients falling behind.',
      `Tickerwire sends one ticks:batch per subscription group every 100 ms with every tick since the last (at most ${TICK_BATCH_MAX_PER_SYMBOL} per symbol); the limit does the same from a bare ws server; the baseline emits each tick as its own message.`,
      ...r.ticks.flatMap((run) =>
        run.storyLatency
          ? [
              `${run.system} C=${run.clients}: story latency while ticking, from the 201, over ${run.storyLatency.stories} stories every client got: p50 ${fmt(run.storyLatency.from201.p50, 1)} ms, p99 ${fmt(run.storyLatency.from201.p99, 1)} ms, max ${fmt(run.storyLatency.from201.max, 1)} ms`,
            ]
          : [],
      ),
    ],
  );
}

function printIngest(r: BenchResults): void {
  if (r.ingest.length === 0) return;
  const rows = r.ingest.map((run) => [
    run.system,
    `${run.concurrency} × ${run.seconds} s`,
    String(run.clientsConnected),
    over(run.repeats, (x) => x.perSecond, 0),
    over(run.repeats, (x) => x.p50Ms),
    over(run.repeats, (x) => x.p99Ms),
    over(run.repeats, (x) => x.serverCpuPercent, 0),
    String(run.repeats.reduce((n, x) => n + x.failed, 0)),
  ]);
  printTable(
    '2. Ingest throughput: POST /api/articles (validate, tag, commit, broadcast), unique externalIds',
    [
      'system',
      'requesters',
      'clients',
      'stories/s',
      'request p50 ms',
      'request p99 ms',
      'server CPU %',
      'failed',
    ],
    rows,
  );
}

function printHistory(r: BenchResults): void {
  if (r.history.length === 0) return;
  const rows = r.history.map((run) => [
    run.system,
    run.window,
    run.points ? String(run.points) : '–',
    String(run.bytes),
    over(run.repeats, (x) => x.medianMs, 3),
    over(run.repeats, (x) => x.maxMs, 3),
  ]);
  printTable(
    `3. History: GET /api/tickers/SPY/history, ${r.history[0]?.requests ?? '?'} sequential requests per repeat (ms)`,
    ['system', 'window', 'points', 'bytes', 'median of repeat', 'slowest of repeat'],
    rows,
  );
}

function printMemory(r: BenchResults): void {
  if (r.memory.length === 0) return;
  const rows = r.memory.map((run) => [
    run.system,
    String(run.clients),
    over(run.repeats, (x) => x.before.rss / MIB, 1),
    over(run.repeats, (x) => x.after.rss / MIB, 1),
    over(run.repeats, (x) => x.rssPerClient, 0),
    over(run.repeats, (x) => x.heapUsedPerClient, 0),
  ]);
  const gc = r.memory.every((run) => run.gc);
  printTable(
    '4. Server memory per connected idle client (fresh server process per repeat)',
    ['system', 'clients', 'RSS before MiB', 'RSS after MiB', 'RSS B/client', 'heapUsed B/client'],
    rows,
    [
      gc
        ? 'heapUsed is taken after a forced full GC; RSS also counts socket buffers and allocator slack, so it is the rougher figure.'
        : 'GC could not be forced: heapUsed includes garbage and is not reliable.',
    ],
  );
}

function printPage(r: BenchResults): void {
  for (const p of r.page) {
    printTable(
      `6. The page: the desk in headless Chromium (${p.viewport}), ${p.symbols} symbols ticking ${p.ticksPerSymbolPerSecond}/s and a story a second for ${fmt(p.seconds, 0)} s`,
      ['figure', 'value'],
      [
        [
          'frames per second, median (min–max over the seconds)',
          `${fmt(p.fpsMedian, 1)} (${fmt(p.fpsMin, 1)}–${fmt(Math.max(...p.fpsPerSecond), 1)})`,
        ],
        ['long tasks (> 50 ms) during the run; longest ms', `${p.longTasks}; ${fmt(p.longTaskMaxMs, 0)}`],
        [
          'main-thread busy ms per second (script ms per second)',
          `${fmt(p.mainThreadMsPerSecond, 0)} (${fmt(p.scriptMsPerSecond, 0)})`,
        ],
        ['JS heap after GC, start → end MiB', `${fmt(p.heapStartMiB, 1)} → ${fmt(p.heapEndMiB, 1)}`],
        ...(p.heapParts
          ? [
              [
                'heap snapshot after GC, start → end MiB: objects (JS; native/DOM); compiled code',
                `${fmt(p.heapParts.start.js, 2)} → ${fmt(p.heapParts.end.js, 2)}; ${fmt(p.heapParts.start.native, 2)} → ${fmt(p.heapParts.end.native, 2)}; ${fmt(p.heapParts.start.code, 2)} → ${fmt(p.heapParts.end.code, 2)}`,
              ],
            ]
          : []),
        ['DOM nodes start → end', `${p.domNodesStart} → ${p.domNodesEnd}`],
        ['initial JS, gzipped KiB (entry + preloads)', fmt(p.initialJsGzKiB, 1)],
        ['all JS the desk loaded, gzipped KiB', fmt(p.loadedJsGzKiB, 1)],
        ['navigation → first story painted, ms', fmt(p.firstStoryMs, 0)],
        ['longest task while loading, ms', fmt(p.loadLongTaskMaxMs, 0)],
        ['stories posted during the run; rows shown at the end', `${p.storiesPosted}; ${p.rowsShown}`],
      ],
      ['One run; the figures are per second of that run (the browser shares the CPUs with the server).'],
    );
  }
}

function printVerdicts(r: BenchResults): void {
  const word = (pass: boolean | null) => (pass === null ? 'not measured' : pass ? 'PASS' : 'FAIL');
  printTable(
    'Floors (medians of this run against the baseline or limit)',
    ['floor', 'figure', 'against', 'verdict'],
    r.verdicts.map((v) => [v.floor, v.figure, v.against, word(v.pass)]),
  );
}

export function printReport(r: BenchResults): void {
  printHeader(r);
  printStartups(r);
  printLatency(r);
  printTicks(r);
  printIngest(r);
  printHistory(r);
  printMemory(r);
  printPage(r);
  printVerdicts(r);
  if (r.notes.length) {
    console.log('\nNotes');
    for (const n of r.notes) console.log(`  - ${n}`);
  }
}
