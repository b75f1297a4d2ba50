import type { Agent } from 'node:http';
import type { PriceHistory } from '../shared/index.js';
import { type BenchContext, recordStartup } from './context.js';
import { httpRequest, keepAliveAgent } from './http.js';
import type { HistoryRepeat, HistoryRun } from './results.js';
import { startBaseline, startTickerwire } from './servers.js';
import { median } from './stats.js';

const BACKFILL_MINUTES = 1440;
const REQUESTS = 50;
const REPEATS = 3;
const SYMBOL = 'SPY';
const WINDOWS = [
  { label: '1 h', ms: 3_600_000 },
  { label: '24 h', ms: 86_400_000 },
];

async function timeRequests(url: () => string, agent: Agent): Promise<HistoryRepeat> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const res = await httpRequest(url(), { agent });
    if (res.status !== 200) throw new Error(`GET answered ${res.status}`);
    times.push(res.endAt - res.sentAt);
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
}

async function timeRepeats(url: () => string, agent: Agent): Promise<HistoryRepeat[]> {
  await timeRequests(url, agent);
  const repeats: HistoryRepeat[] = [];
  for (let r = 0; r < REPEATS; r++) repeats.push(await timeRequests(url, agent));
  return repeats;
}

/**
 * 3. GET /api/tickers/SPY/history for 1 h and 24 h windows on a server started with a day of
 * price history; baseline: the same bodies served as is by a bare node:http server.
 */
export async function historySection(ctx: BenchContext): Promise<void> {
  const agent = keepAliveAgent(1);
  const bodies: { label: string; body: string }[] = [];
  try {
    ctx.progress(`history: starting tickerwire with ${BACKFILL_MINUTES} minutes of backfill`);
    const tw = await startTickerwire(ctx.tmpRoot, 'history', {
      MOCK_BACKFILL_MINUTES: String(BACKFILL_MINUTES),
    });
    recordStartup(ctx, 'tickerwire (history)', BACKFILL_MINUTES, tw);
    try {
      for (const w of WINDOWS) {
        ctx.progress(`history: tickerwire ${w.label}`);
        const url = () => {
          const to = Date.now();
          return `${tw.url}/api/tickers/${SYMBOL}/history?from=${to - w.ms}&to=${to}`;
        };
        const sample = await httpRequest(url(), { agent });
        const points = (JSON.parse(sample.body) as PriceHistory).points.length;
        const repeats = await timeRepeats(url, agent);
        bodies.push({ label: w.label, body: sample.body });
        const bytes = Buffer.byteLength(sample.body);
        ctx.results.history.push({
          system: 'tickerwire',
          window: w.label,
          points,
          bytes,
          requests: REQUESTS,
          repeats,
        });
      }
    } finally {
      await tw.stop();
    }
    const base = await startBaseline(ctx.tmpRoot, 'history-baseline');
    try {
      for (const [i, b] of bodies.entries()) {
        ctx.progress(`history: baseline ${b.label}`);
        const url = `${base.url}/body/w${i}`;
        await httpRequest(url, { method: 'PUT', body: b.body, agent });
        const run: HistoryRun = {
          system: 'baseline (same body, node:http)',
          window: b.label,
          points: 0,
          bytes: Buffer.byteLength(b.body),
          requests: REQUESTS,
          repeats: await timeRepeats(() => url, agent),
        };
        ctx.results.history.push(run);
      }
    } finally {
      await base.stop();
    }
  } finally {
    agent.destroy();
  }
}
