/** How long to wait between connection attempts. */
export interface BackoffPolicy {
  minDelayMs: number;
  maxDelayMs: number;
  /** Uniform in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Delay before attempt `attempt` (0 = the first retry): exponential from minDelayMs, capped at
 * maxDelayMs, with "equal jitter" (half fixed, half random) so that many servers dropped at once
 * do not come back at once, yet none retries almost immediately.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const min = Math.max(1, policy.minDelayMs);
  const max = Math.max(min, policy.maxDelayMs);
  const cap = Math.min(max, min * 2 ** Math.min(Math.max(0, attempt), 30));
  const r = (policy.random ?? Math.random)();
  return Math.round(cap / 2 + (r * cap) / 2);
}
