import type { Article } from '../../shared/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';

export interface StoryRelayDeps {
  store: Store;
  logger: Logger;
  /** Sends a story to this node's clients (io.local). */
  emit(article: Article): void;
  /** A story committed by another node reached this node (track it, remember it). */
  learned(article: Article): void;
  /** Counts stories delivered by how they came: from this node's commit, or read back from the store. */
  count(how: 'local' | 'store'): void;
  /** A gap in seq that did not fill within the wait was skipped (should never happen: seq is dense). */
  skipped?(from: number, to: number): void;
}

/** Stories read from the store per query while catching up. */
const PAGE = 500;
/** A hole in seq is waited for this long (a commit not yet visible to this reader), then skipped. */
export const GAP_WAIT_MS = 30_000;

/**
 * Hands every committed story to this node's clients exactly once and in seq order, whichever
 * node committed it. Two nodes commit concurrently (node A gets seq 5, node B seq 6), so a story
 * can only go out once every seq before it has: stories of other nodes are read from the store
 * (the one source of truth; a Redis notice only says "there is more"), and a run stops at a hole
 * until the missing commit becomes visible. Every call runs inside the gateway's serial queue,
 * with the resumes of reconnecting clients, so a replay and the live stream never overlap.
 */
export class StoryRelay {
  private delivered = 0;
  private gapSince: number | null = null;
  /** This node's own commits waiting behind another node's (not yet visible) commit. */
  private readonly mine = new Map<number, Article>();

  constructor(private readonly deps: StoryRelayDeps) {}

  /** Starts after the stories already stored: clients get those by resuming (lastSeq). */
  async start(): Promise<void> {
    this.delivered = await this.deps.store.latestSeq();
  }

  /** The highest seq this node's clients have been sent (every one below it too). */
  get seq(): number {
    return this.delivered;
  }

  /** A story this node just committed: sent at once when it is next, else after the ones before it. */
  async local(article: Article): Promise<void> {
    if (article.seq <= this.delivered) return;
    if (article.seq !== this.delivered + 1) await this.catchUp(article.seq - 1);
    if (article.seq === this.delivered + 1) {
      this.deps.emit(article);
      this.delivered = article.seq;
      this.gapSince = null;
      this.deps.count('local');
      return;
    }
    // Still behind: an earlier commit of another node is not visible yet; this one follows it later.
    this.mine.set(article.seq, article);
    await this.catchUp(article.seq);
  }

  /** Sends every stored story after the last one sent (up to `upTo`), stopping at a hole in seq. */
  async catchUp(upTo = Number.POSITIVE_INFINITY): Promise<number> {
    const { store, logger } = this.deps;
    let sent = 0;
    for (;;) {
      const page = await store.articlesAfter(this.delivered, undefined, PAGE);
      for (const a of page) {
        if (a.seq > upTo) return sent;
        if (a.seq !== this.delivered + 1) {
          const now = Date.now();
          this.gapSince ??= now;
          if (now - this.gapSince < GAP_WAIT_MS) return sent;
          logger.error({ from: this.delivered + 1, to: a.seq - 1 }, 'stories never became visible; skipped');
          this.deps.skipped?.(this.delivered + 1, a.seq - 1);
        }
        const own = this.mine.get(a.seq) ?? null;
        this.mine.delete(a.seq);
        this.deps.emit(own ?? a);
        if (!own) this.deps.learned(a);
        this.delivered = a.seq;
        this.gapSince = null;
        this.deps.count(own ? 'local' : 'store');
        sent++;
      }
      if (page.length < PAGE) return sent;
    }
  }
}
