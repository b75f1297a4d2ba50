/**
 * Runs async tasks one at a time, in call order. Publishing a committed story and replaying
 * missed stories to a reconnecting client share one queue, so a client never sees a story both
 * in its replay and live, nor misses one committed between the two.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
