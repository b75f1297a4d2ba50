import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tick } from '../../shared/index.js';
import { ManualClock } from '../clock.js';
import { createMetrics } from '../metrics.js';
import { projectRoot } from '../version.js';
import { DemandTracker } from './demand.js';
import { parseTickLines, ReplaySource, SAMPLE_TICKS_FILE } from './replay-source.js';
import { TickRecorder } from './tick-recorder.js';

const dir = mkdtempSync(join(tmpdir(), 'tw-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logger = pino({ level: 'silent' });

function replay(lines: string[], speed = 1, watchers = new Map<string, number>()) {
  const file = join(dir, `ticks-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const clock = new ManualClock(1_800_000_000_000);
  const metrics = createMetrics();
  const demand = new DemandTracker({
    clock,
    storyWindowMs: 3_600_000,
    watchers: () => watchers,
    pinned: ['SPY'],
  });
  const source = new ReplaySource({ file, speed, clock, logger, metrics, demand, stepMs: 1_000_000 });
  const got: Tick[] = [];
  return { source, clock, metrics, demand, got, start: () => source.start((t) => got.push(t)) };
}

const T0 = 1_700_000_000_000;
const line = (s: string, p: number, dt: number) => JSON.stringify({ s, p, t: T0 + dt });

describe('parseTickLines', () => {
  it('reads the shipped sample: a dozen symbols and SPY over a few minutes, in time order', () => {
    const { ticks, bad } = parseTickLines(readFileSync(join(projectRoot(), SAMPLE_TICKS_FILE), 'utf8'));
    expect(bad).toBe(0);
    expect(new Set(ticks.map((t) => t.s)).size).toBe(13);
    const span = (ticks.at(-1)?.t ?? 0) - (ticks[0]?.t ?? 0);
    expect(span).toBeGreaterThan(3 * 60_000);
    expect(ticks.map((t) => t.t)).toEqual([...ticks.map((t) => t.t)].sort((a, b) => a - b));
  });

  it('skips and counts lines that are not ticks, and canonicalises symbols', () => {
    const { ticks, bad } = parseTickLines(
      [
        '{"s":"brk-b","p":1,"t":5}',
        'garbage',
        '{"s":"AAPL","p":0,"t":1}',
        '{"s":"???","p":1,"t":1}',
        '',
      ].join('\n'),
    );
    expect(ticks).toEqual([{ s: 'BRK.B', p: 1, t: 5 }]);
    expect(bad).toBe(3);
  });
});

describe('ReplaySource', () => {
  it('plays the recording as if now, at the chosen speed', () => {
    const r = replay([line('AAPL', 100, 0), line('MSFT', 200, 1_000), line('AAPL', 101, 4_000)], 2);
    r.start();
    const start = r.clock.now();
    expect(r.got).toEqual([{ s: 'AAPL', p: 100, t: start }]);
    r.clock.advance(499);
    r.source.advance((t) => r.got.push(t));
    expect(r.got).toHaveLength(1);
    r.clock.advance(1);
    r.source.advance((t) => r.got.push(t));
    expect(r.got.at(-1)).toEqual({ s: 'MSFT', p: 200, t: start + 500 });
    r.clock.advance(1_500);
    r.source.advance((t) => r.got.push(t));
    expect(r.got.at(-1)).toEqual({ s: 'AAPL', p: 101, t: start + 2_000 });
    r.source.stop();
  });

  it('loops without a jump and without drifting away', () => {
    const r = replay([line('AAPL', 100, 0), line('AAPL', 110, 10_000), line('AAPL', 110, 20_000)]);
    r.start();
    const start = r.clock.now();
    // Recording: 20 s, then 1 s of pause; second pass starts where the first ended.
    for (let i = 0; i < 4; i++) {
      r.clock.advance(21_000);
      r.source.advance((t) => r.got.push(t));
    }
    const prices = r.got.map((t) => t.p);
    // The second pass starts at 110 (where the first ended) and keeps the recording's shape.
    expect(prices.slice(0, 6)).toEqual([100, 110, 110, 110, 115.37, 110]);
    // Every pass ends where the recording ended: no compounding.
    expect(Math.max(...prices)).toBeLessThanOrEqual(110 * (110 / 100));
    expect(r.got.filter((_, i) => i % 3 === 2).every((t) => t.p === 110)).toBe(true);
    expect(r.got[3]?.t).toBe(start + 21_000);
    expect(r.got.map((t) => t.t)).toEqual([...r.got.map((t) => t.t)].sort((a, b) => a - b));
    r.source.stop();
  });

  it('skips ahead after a long sleep instead of pouring out every missed loop', () => {
    const r = replay([line('AAPL', 100, 0), line('AAPL', 101, 1_000)]);
    r.start();
    r.clock.advance(3_600_000);
    r.source.advance((t) => r.got.push(t));
    expect(r.got.length).toBeLessThan(5);
    r.source.stop();
  });

  it('reports the wanted symbols that are not in the recording', () => {
    const watchers = new Map([['NVDA', 2]]);
    const r = replay([line('AAPL', 100, 0), line('SPY', 500, 0)], 1, watchers);
    r.start();
    r.demand.noteStory(['AAPL', 'PLTR']);
    expect(r.source.status()).toMatchObject({
      source: 'replay',
      connected: true,
      liveSymbols: ['SPY', 'AAPL'],
      notLive: ['NVDA', 'PLTR'],
      problem: 'NOT_RECORDED',
    });
    r.source.stop();
  });

  it('plays back what the recorder wrote', async () => {
    const file = join(dir, 'recorded.jsonl');
    const recorder = new TickRecorder(file, logger);
    recorder.record({ s: 'AMD', p: 150.5, t: T0 });
    recorder.record({ s: 'AMD', p: 150.75, t: T0 + 250 });
    await recorder.close();
    expect(readFileSync(file, 'utf8')).toBe(
      `${JSON.stringify({ s: 'AMD', p: 150.5, t: T0 })}\n${JSON.stringify({ s: 'AMD', p: 150.75, t: T0 + 250 })}\n`,
    );
    expect(parseTickLines(readFileSync(file, 'utf8')).ticks).toHaveLength(2);
  });

  it('refuses a file without a single tick', () => {
    expect(() => replay(['nothing here'])).toThrow(/no valid tick/);
  });
});
