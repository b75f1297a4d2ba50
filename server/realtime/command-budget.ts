/**
 * A token bucket per socket for commands: a burst of `burst`, refilled at `perSecond`. A client
 * that keeps going past it gets RATE_LIMITED answers, and is disconnected after `maxRefused`.
 */
export class CommandBudget {
  private tokens: number;
  private last: number;
  refused = 0;

  constructor(
    private readonly burst = 20,
    private readonly perSecond = 5,
    readonly maxRefused = 100,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one command from the budget; false when there is none left. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.refused++;
    return false;
  }

  get exhausted(): boolean {
    return this.refused >= this.maxRefused;
  }
}
