// Writes server/market/data/sample-ticks.jsonl, the recording TICK_SOURCE=replay plays by default.
// The prices are not real: they come from the built-in mock market (seeded, so the file is the
// same every time), four minutes of SPY and twelve tickers of the demo stories, with two story
// moves in it (NVDA up, BABA down) so the replay shows more than noise.
// Run: npx tsx scripts/record-sample-ticks.ts [out-file]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../server/clock.js';
import { MockMarket } from '../server/market/mock-market.js';
import { SAMPLE_TICKS_FILE } from '../server/market/replay-source.js';
import { projectRoot } from '../server/version.js';
import type { Tick } from '../shared/index.js';

const SYMBOLS = [
  'SPY',
  'BABA',
  'NVDA',
  'META',
  'AAPL',
  'MSFT',
  'AMZN',
  'TSLA',
  'AMD',
  'GOOGL',
  'JPM',
  'TSM',
  'NFLX',
];
/** Tuesday 6 January 2026, 10:00 New York time. */
const START = Date.UTC(2026, 0, 6, 15, 0, 0);
const DURATION_MS = 4 * 60_000;

const out = process.argv[2] ?? join(projectRoot(), SAMPLE_TICKS_FILE);
const clock = new ManualClock(START);
const market = new MockMarket({ seed: 'tickerwire-sample', clock, stepMs: 1_000, tickProbability: 0.6 });
for (const s of SYMBOLS) market.add(s, { t: START });
market.shock('NVDA', 2.4, START + 60_000);
market.shock('BABA', -1.8, START + 150_000);

const ticks: Tick[] = [];
market.advanceTo(START + DURATION_MS, (tick) => ticks.push(tick));
ticks.sort((a, b) => a.t - b.t);
writeFileSync(out, `${ticks.map((t) => JSON.stringify({ s: t.s, p: t.p, t: t.t })).join('\n')}\n`);
console.log(`${ticks.length} ticks of ${SYMBOLS.length} symbols written to ${out}`);
