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
  private hasPosition = false;
  private readonly held = new Set<number>();
  /** True when the client follows every story (seqs dense). */
  dense = true;

  /** Every story of the filter up to this seq is held. */
  get complete(): number {
    return this.position;
  }

  /** False until a snapshot, an ack or a reset gave a position (before it, stories are only held). */
  get known(): boolean {
    return this.hasPosition;
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
    if (this.dense && this.hasPosition) this.advance();
    return true;
  }

  /** True when, following every story, a seq past the position arrived without the ones before it. */
  get hasGap(): boolean {
    return this.dense && this.hasPosition && this.held.size > 0;
  }

  /** How many stories past `from` and up to `to` are held (to check a replay arrived whole). */
  heldBetween(from: number, to: number): number {
    let n = 0;
    for (const s of this.held) if (s > from && s <= to) n++;
    return n;
  }

  /** The server confirmed the client holds every story of its filter up to seq (a snapshot, a resume's ack). */
  confirm(seq: number): void {
    if (this.hasPosition && seq <= this.position) return;
    this.hasPosition = true;
    this.position = Math.max(this.position, seq);
    for (const s of this.held) if (s <= seq) this.held.delete(s);
    if (this.dense) this.advance();
  }

  /** Starts over at seq (a reload: the log restarted, or the gap was too old to replay). */
  reset(seq: number): void {
    this.position = Math.max(0, seq);
    this.hasPosition = true;
    this.held.clear();
  }

  /** Forgets the position (a reload whose snapshot will give the next one). */
  forget(): void {
    this.position = 0;
    this.hasPosition = false;
    this.held.clear();
  }

  private advance(): void {
    while (this.held.delete(this.position + 1)) this.position += 1;
  }
}
