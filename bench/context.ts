import type { BenchResults } from './results.js';
import type { RunningServer } from './servers.js';

/** What every benchmark section shares. */
export interface BenchContext {
  /** Temporary folder for data directories, removed at the end. */
  tmpRoot: string;
  /** Makes externalIds unique to this run. */
  runId: string;
  results: BenchResults;
  /** --quick: latency without C=5,000, shorter tick windows, the page for 15 s instead of 60. */
  quick: boolean;
  /** A progress line (stderr, so stdout stays the report). */
  progress(message: string): void;
}

/** Records how long a server took to start. */
export function recordStartup(ctx: BenchContext, server: string, backfillMinutes: number, s: RunningServer) {
  ctx.results.startups.push({ server, backfillMinutes, readyMs: s.readyMs, createMs: s.createMs });
}
