/**
 * Where a client stands in the story log. `complete` is the position it can resume from: it holds
 * every story of its filter up to that seq. Stories received past it are `held` until the
 * position can move over them.
 *
 * With no filter (every story) seqs are dense, so the position moves over each next seq as it
 * arrives and a hole is seen at once. With a filter the seqs of its stories are not dense: the
 * position moves only when the server confirms it (a snapshot, or the ack of a resume).
 */
export class FeedCursor {
  private position = 0;
  private readonly held = new Set<number>();
  /** True when the client follows every story (seqs dense). */
  dense = true;

  /** Every story of the filter up to this seq is held (0: no position yet). */
  get complete(): number {
    return this.position;
  }

  /** Highest seq held, the position or past it. */
  get highest(): number {
    let max = this.position;
    for (const s of this.held) if (s > max) max = s;
    return max;
  }

  /**
   * A story arrived (live or replayed). Returns false when it was already held (a duplicate the
   * caller may drop).
   */
  receive(seq: number): boolean {
    if (seq <= this.position || this.held.has(seq)) return false;
    this.held.add(seq);
    // Without a position yet (before the first snapshot) nothing can be called a hole.
    if (this.dense && this.position > 0) this.advance();
    return true;
  }

  /** True when, following every story, a seq past the position arrived without the ones before it. */
  get hasGap(): boolean {
    return this.dense && this.position > 0 && this.held.size > 0;
  }

  /** How many stories past `from` and up to `to` are held (to check a replay arrived whole). */
  heldBetween(from: number, to: number): number {
    let n = 0;
    for (const s of this.held) if (s > from && s <= to) n++;
    return n;
  }

  /** The server confirmed the client holds every story of its filter up to seq (a snapshot, a resume's ack). */
  confirm(seq: number): void {
    if (seq <= this.position) return;
    this.position = seq;
    for (const s of this.held) if (s <= seq) this.held.delete(s);
    if (this.dense) this.advance();
  }

  /** Starts over at seq (a reload: the log restarted, or the gap was too old to replay). */
  reset(seq: number): void {
    this.position = Math.max(0, seq);
    this.held.clear();
  }

  private advance(): void {
    while (this.held.delete(this.position + 1)) this.position += 1;
  }
}
