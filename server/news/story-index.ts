import type { Article } from '../../shared/index.js';
import { canonicalUrl, type HeadlineKey, headlineKey, headlineSimilarity } from './same-story.js';

/** What is known of a story arriving, to find whether another source already brought it. */
export interface Candidate {
  source: string;
  url: string | null;
  headline: string;
  publishedAt: number;
  /** Symbols the story is about (primary tags). */
  primary: readonly string[];
}

export interface StoryMatch {
  seq: number;
  id: string;
  /** How it was recognised. */
  by: 'url' | 'headline';
  /** The candidate's source already carries this story (a second copy from one source). */
  sameSource: boolean;
}

export interface StoryIndexOptions {
  /** Headlines match only between stories published this close together; 0 turns headline matching off. */
  headlineWindowMs: number;
  /** Least Jaccard similarity of two headlines' words for one story. */
  threshold: number;
  /** At most this many stories are remembered. */
  maxEntries?: number;
}

interface Entry {
  seq: number;
  id: string;
  sources: Set<string>;
  urls: string[];
  headline: HeadlineKey;
  publishedAt: number;
  receivedAt: number;
  primary: Set<string>;
}

/**
 * The recent stories, indexed to recognise the same story from another source: by canonical URL,
 * or by a nearly identical headline published within a short window (with, when both name the
 * companies they are about, at least one in common). Held in memory (the owner prunes it) and
 * filled from the store at start; one process's view.
 */
export class StoryIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly byUrl = new Map<string, number>();
  /**
   * Entries by publication time in slots one headline window wide, then by each source carrying
   * them: a headline is compared only with the stories of its own and the two neighbouring slots
   * that another source carries, not with every remembered story (one busy source posting
   * thousands of stories an hour would otherwise make each story cost more than the one before).
   */
  private readonly bySlot = new Map<number, Map<string, Set<Entry>>>();
  private readonly maxEntries: number;

  constructor(private readonly opts: StoryIndexOptions) {
    this.maxEntries = opts.maxEntries ?? 20_000;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Remembers a stored story, with the sources and URLs it already has. */
  add(article: Article): void {
    const entry: Entry = {
      seq: article.seq,
      id: article.id,
      sources: new Set([article.source, ...(article.alsoFrom ?? []).map((s) => s.source)]),
      urls: [],
      headline: headlineKey(article.headline),
      publishedAt: article.publishedAt,
      receivedAt: article.receivedAt,
      primary: new Set(article.tickers.filter((t) => t.primary).map((t) => t.symbol)),
    };
    this.entries.set(article.seq, entry);
    for (const source of entry.sources) this.addToSlot(entry, source);
    for (const u of [article.url, ...(article.alsoFrom ?? []).map((s) => s.url)]) this.addUrl(entry, u);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.remove(oldest);
    }
  }

  /** Another source of a remembered story. */
  addSource(seq: number, source: string, url: string | null): void {
    const entry = this.entries.get(seq);
    if (!entry) return;
    if (!entry.sources.has(source)) {
      entry.sources.add(source);
      this.addToSlot(entry, source);
    }
    this.addUrl(entry, url);
  }

  /** The remembered story the candidate is the same as, or null. */
  find(c: Candidate): StoryMatch | null {
    const url = canonicalUrl(c.url);
    const bySeq = url ? this.byUrl.get(url) : undefined;
    const byUrl = bySeq !== undefined ? this.entries.get(bySeq) : undefined;
    if (byUrl) return { seq: byUrl.seq, id: byUrl.id, by: 'url', sameSource: byUrl.sources.has(c.source) };
    if (this.opts.headlineWindowMs <= 0) return null;
    const headline = headlineKey(c.headline);
    const primary = new Set(c.primary);
    let best: { entry: Entry; score: number } | null = null;
    const slot = this.slotOf(c.publishedAt);
    for (const entry of this.near(slot, c.source)) {
      if (Math.abs(entry.publishedAt - c.publishedAt) > this.opts.headlineWindowMs) continue;
      const score = headlineSimilarity(headline, entry.headline);
      if (score === 0 || score < this.opts.threshold) continue;
      if (primary.size && entry.primary.size && ![...primary].some((s) => entry.primary.has(s))) continue;
      if (!best || score > best.score || (score === best.score && entry.seq > best.entry.seq))
        best = { entry, score };
    }
    return best ? { seq: best.entry.seq, id: best.entry.id, by: 'headline', sameSource: false } : null;
  }

  /** Forgets stories received before `before`. */
  prune(before: number): void {
    for (const [seq, entry] of this.entries) if (entry.receivedAt < before) this.remove(seq);
  }

  private addUrl(entry: Entry, raw: string | null | undefined): void {
    const url = canonicalUrl(raw);
    if (!url || this.byUrl.has(url)) return;
    this.byUrl.set(url, entry.seq);
    entry.urls.push(url);
  }

  private remove(seq: number): void {
    const entry = this.entries.get(seq);
    if (!entry) return;
    for (const u of entry.urls) if (this.byUrl.get(u) === seq) this.byUrl.delete(u);
    this.entries.delete(seq);
    const slot = this.slotOf(entry.publishedAt);
    const bySource = this.bySlot.get(slot);
    if (!bySource) return;
    for (const source of entry.sources) {
      const set = bySource.get(source);
      set?.delete(entry);
      if (set?.size === 0) bySource.delete(source);
    }
    if (bySource.size === 0) this.bySlot.delete(slot);
  }

  private addToSlot(entry: Entry, source: string): void {
    if (this.opts.headlineWindowMs <= 0) return;
    const slot = this.slotOf(entry.publishedAt);
    let bySource = this.bySlot.get(slot);
    if (!bySource) {
      bySource = new Map();
      this.bySlot.set(slot, bySource);
    }
    let set = bySource.get(source);
    if (!set) {
      set = new Set();
      bySource.set(source, set);
    }
    set.add(entry);
  }

  /**
   * The entries of a slot and its two neighbours that `source` does not carry, each once. One
   * source writing the same headline twice (EDGAR's "4 - Smith John (Reporting)") means two stories.
   */
  private *near(slot: number, source: string): Generator<Entry> {
    const seen = new Set<Entry>();
    for (let k = slot - 1; k <= slot + 1; k++) {
      for (const [s, set] of this.bySlot.get(k) ?? []) {
        if (s === source) continue;
        for (const entry of set) {
          if (entry.sources.has(source) || seen.has(entry)) continue;
          seen.add(entry);
          yield entry;
        }
      }
    }
  }

  private slotOf(publishedAt: number): number {
    return Math.floor(publishedAt / Math.max(1, this.opts.headlineWindowMs));
  }
}
