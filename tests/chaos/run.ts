// `npm run chaos`: every fault scenario at full size, bounded in time and count, loopback only,
// seeded; prints one summary table and exits 1 if any scenario failed.
// Env: CHAOS_SEEDS (kill -9 seeds, default 1,2,3,4,5), CHAOS_ONLY (comma list of scenario keys:
// kill, crash, net, frozen-client, frozen-server, slow, day).
import { compressedDay } from './compressed-day.js';
import { crashAfterCommit } from './crash-after-commit.js';
import { frozenClient, frozenServer } from './freeze.js';
import { killMidBurst } from './kill-mid-burst.js';
import { networkFaults } from './network-faults.js';
import { slowConsumer } from './slow-consumer.js';

interface Row {
  scenario: string;
  seed: number;
  counts: string;
  figures: string;
  result: 'PASS' | 'FAIL';
}

const seeds = (process.env.CHAOS_SEEDS ?? '1,2,3,4,5').split(',').map(Number);
const only = process.env.CHAOS_ONLY?.split(',');
const wanted = (key: string) => !only || only.includes(key);
const rows: Row[] = [];
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL') as Row['result'];
const log = (row: Row, detail: unknown) => {
  rows.push(row);
  process.stderr.write(`${row.scenario} seed ${row.seed}: ${row.result} ${JSON.stringify(detail)}\n`);
};

if (wanted('kill')) {
  for (const seed of seeds) {
    const r = await killMidBurst({ seed, stories: 1_000, clients: 20, paceMs: 5 });
    const ok =
      r.stored === r.stories &&
      r.storedDuplicates === 0 &&
      r.seqDense &&
      r.clientsComplete === r.clients &&
      r.clientDuplicates === 0 &&
      r.clientOutOfOrder === 0;
    log(
      {
        scenario: 'kill -9 mid-burst',
        seed,
        counts: `stored ${r.stored}/${r.stories} (twice ${r.storedDuplicates}), clients whole ${r.clientsComplete}/${r.clients}, dup ${r.clientDuplicates}, out of order ${r.clientOutOfOrder}`,
        figures: `killed after story ${r.killedAfterStory}, down ${r.downMs} ms, producer retries ${r.retries}`,
        result: verdict(ok),
      },
      r,
    );
  }
}

if (wanted('crash')) {
  for (const seed of [1, 2]) {
    const r = await crashAfterCommit({ seed, crashes: 3, storiesBetween: 20, clients: 10 });
    log(
      {
        scenario: 'crash after commit',
        seed,
        counts: `stored ${r.stored}/${r.stories}, same story back ${r.sameStoryBack}/${r.crashes}, clients whole ${r.clientsWhole}/${r.clients}`,
        figures: `${r.crashes} crashes between commit and answer`,
        result: verdict(r.pass),
      },
      r,
    );
  }
}

if (wanted('net')) {
  for (const seed of [1, 2, 3]) {
    const r = await networkFaults({ seed, rounds: 20, storiesPerRound: 20, clients: 10, pingMs: 500 });
    log(
      {
        scenario: 'network faults',
        seed,
        counts: `stories ${r.stories}, clients whole ${r.clientsWhole}/${r.clients}`,
        figures: `${Object.entries(r.faults)
          .map(([k, v]) => `${k} ${v}`)
          .join(
            ', ',
          )}; links dropped ${r.linkDrops}, gaps filled live ${r.resumes}, duplicates dropped ${r.duplicatesDropped}`,
        result: verdict(r.pass),
      },
      r,
    );
  }
}

if (wanted('frozen-client')) {
  const runs = [
    // Big stories, heartbeat far off: only the backlog bound can let go of the sleeper.
    {
      seed: 1,
      stories: 600,
      others: 5,
      freezeMs: 8_000,
      bodyBytes: 50_000,
      pingMs: 10_000,
      maxBacklogKb: 1_024,
    },
    // Small stories, quick heartbeat: the heartbeat lets go of it first.
    {
      seed: 2,
      stories: 300,
      others: 5,
      freezeMs: 6_000,
      bodyBytes: 1_000,
      pingMs: 1_000,
      maxBacklogKb: 4_096,
    },
  ];
  for (const opts of runs) {
    const r = await frozenClient(opts);
    log(
      {
        scenario: 'frozen client (SIGSTOP)',
        seed: opts.seed,
        counts: `stored ${r.stored}/${r.stories}, frozen client whole ${r.victimWhole}, others whole ${r.othersWhole}/${r.others}`,
        figures: `frozen ${opts.freezeMs} ms, ${opts.bodyBytes} B stories; shed by ${r.shedBy}; server RSS ${r.rssMb.start}/${r.rssMb.peak}/${r.rssMb.end} MiB, heap ${r.heapMb.start}/${r.heapMb.peak}/${r.heapMb.end} MiB (start/peak/end)`,
        result: verdict(r.pass),
      },
      r,
    );
  }
}

if (wanted('frozen-server')) {
  for (const seed of [1, 2]) {
    const r = await frozenServer({
      seed,
      stories: 300,
      others: 0,
      clients: 10,
      freezeMs: 5_000,
      bodyBytes: 500,
      pingMs: 1_000,
      maxBacklogKb: 4_096,
    });
    log(
      {
        scenario: 'frozen server (SIGSTOP)',
        seed,
        counts: `stored ${r.stored}/${r.stories}, noticed ${r.noticed}/${r.clients}, clients whole ${r.clientsWhole}/${r.clients}`,
        figures: `noticed after ${r.noticedMs.min}-${r.noticedMs.max} ms (bound ${r.boundMs} ms); producer retries ${r.producerRetries}`,
        result: verdict(r.pass),
      },
      r,
    );
  }
}

if (wanted('slow')) {
  const r = await slowConsumer({
    seed: 1,
    symbols: 100,
    phaseMs: 15_000,
    storyMs: 100,
    tickMs: 50,
    bytesPerSecond: 6_000,
    others: 5,
    maxBacklogKb: 512,
  });
  const o = r.othersMs;
  log(
    {
      scenario: 'slow consumer',
      seed: 1,
      counts: `stories ${r.stories}, others whole ${r.othersWhole}/${r.others}, slow whole ${r.slowWhole}, latest prices ${r.slowLatestPrices}/${r.symbols}`,
      figures: `${r.ticksPushed} ticks; others' story latency p50/p95 ${o.without.p50}/${o.without.p95} ms without, ${o.with.p50}/${o.with.p95} ms with the slow client; slow: reconnects ${r.slowReconnects}, caught up ${r.slowDrainMs} ms after the end, tick batches held back ${r.batchesSkipped}, shed ${r.shed}`,
      result: verdict(r.pass),
    },
    r,
  );
}

if (wanted('day')) {
  const r = await compressedDay({
    seed: 1,
    speed: 100,
    hours: 6.5,
    storiesPerHour: 300,
    path: '/wall',
    maxGrowthMb: { serverHeap: 40, serverRss: 80, browserHeap: 20 },
  });
  const f = (k: 'serverRss' | 'serverHeap' | 'browserHeap') => `${r.start[k]}/${r.peak[k]}/${r.end[k]}`;
  log(
    {
      scenario: 'compressed day on the wall',
      seed: 1,
      counts: `${r.stories} stories, ${r.hours} h at ${r.speed}x in ${r.wallSeconds} s`,
      figures: `MiB start/peak/end: server RSS ${f('serverRss')}, server heap ${f('serverHeap')}, page JS heap ${f('browserHeap')} (bounds +80/+40/+20)`,
      result: verdict(r.pass),
    },
    r,
  );
}

console.log('\nChaos summary (loopback only, seeded, bounded)');
console.table(rows);
const failed = rows.filter((r) => r.result === 'FAIL').length;
console.log(failed ? `FAIL: ${failed} of ${rows.length} runs` : `PASS: all ${rows.length} runs`);
process.exitCode = failed ? 1 : 0;
