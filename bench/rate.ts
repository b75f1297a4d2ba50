import { nowMs } from './clock.js';
import type { HttpResult } from './http.js';
import type { RateRepeat } from './results.js';
import { quantile } from './stats.js';

/**
 * Runs `concurrency` loops of `send` for `seconds`; counts 201 answers per second of wall time
 * (until the last in-flight request finished).
 */
export async function measureRate(
  send: () => Promise<HttpResult>,
  seconds: number,
  concurrency: number,
): Promise<Omit<RateRepeat, 'serverCpuPercent'> & { statuses: Record<string, number> }> {
  const started = nowMs();
  const end = started + seconds * 1000;
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let failed = 0;
  const worker = async () => {
    while (nowMs() < end) {
      const res = await send();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status === 201) times.push(res.endAt - res.sentAt);
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (nowMs() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    perSecond: times.length / elapsed,
    ok: times.length,
    failed,
    p50Ms: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
    statuses,
  };
}
