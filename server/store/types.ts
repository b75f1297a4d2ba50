import type { Article, ArticleSource, PricePoint } from '../../shared/index.js';

/** A story ready to commit: everything but the id and seq the store assigns. */
export interface ArticleDraft extends Omit<Article, 'id' | 'seq'> {
  /** Identity for idempotent ingest: source + externalId, or a content hash when there is no id. */
  dedupeKey: string;
}

export interface InsertResult {
  article: Article;
  /** False when the dedupe key was already stored: `article` is the stored one. */
  created: boolean;
}

/** Answer of attachSource. */
export interface AttachResult {
  /** The story the dedupe key now belongs to (the one it already belonged to, if it was known). */
  article: Article;
  /** True when the source was added to the story's alsoFrom. */
  attached: boolean;
}

export interface ArticleQuery {
  /** Only stories tagged with one of these symbols; empty or absent means all. */
  tickers?: string[];
  /** With tickers: only stories that are about one of them (the tag is primary), not mere mentions. */
  primaryOnly?: boolean;
  limit: number;
  /** Only stories with seq below this (paging backwards). */
  beforeSeq?: number;
}

/** A one-second (or wider) price bar; times are epoch ms at the start of the bar. */
export interface Bar {
  symbol: string;
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  /** Number of ticks in the bar. */
  n: number;
}

/**
 * Persistence for stories (an append-only log with a dense seq) and price bars (chart window).
 * Every implementation passes the contract suite in store-contract.ts.
 */
export interface Store {
  readonly kind: string;
  /**
   * Commits a story and assigns the next seq, or returns the stored one for a known dedupe key
   * (its own, or one attached to it by attachSource).
   */
  insertArticle(draft: ArticleDraft): Promise<InsertResult>;
  /**
   * Records that another source's story (its dedupe key) is the stored story `seq`: later inserts
   * with that key return this story. With `source`, it is also appended to the story's alsoFrom.
   * A key already known changes nothing and returns the story it belongs to.
   */
  attachSource(seq: number, dedupeKey: string, source: ArticleSource | null): Promise<AttachResult>;
  /** Records when a story was pushed to clients. */
  markPushed(seq: number, pushedAt: number): Promise<void>;
  getArticle(id: string): Promise<Article | null>;
  /** Newest first. */
  listArticles(query: ArticleQuery): Promise<Article[]>;
  /** Stories with seq > afterSeq, oldest first, at most `limit`; primaryOnly as in ArticleQuery. */
  articlesAfter(
    afterSeq: number,
    tickers: string[] | undefined,
    limit: number,
    primaryOnly?: boolean,
  ): Promise<Article[]>;
  latestSeq(): Promise<number>;
  /** Stories published at or after t, oldest first (stories whose reactions are still tracked). */
  articlesPublishedSince(t: number, limit: number): Promise<Article[]>;
  /** Replaces a story's tickers (their reactions change after commit); nothing else changes. */
  updateArticleTickers(seq: number, tickers: Article['tickers']): Promise<void>;
  /** Writes bars; a bar for a (symbol, t) already stored is a newer snapshot and replaces it (but its open). */
  appendBars(bars: Bar[]): Promise<void>;
  /** Close prices between from and to (inclusive), one point per bucket of bucketMs, oldest first. */
  history(symbol: string, from: number, to: number, bucketMs: number): Promise<PricePoint[]>;
  /** The last close at or before t, looking back at most maxAgeMs. */
  priceAt(symbol: string, t: number, maxAgeMs: number): Promise<PricePoint | null>;
  /** The open of the first bar at or after t, looking ahead at most maxAheadMs. */
  firstPriceAfter(symbol: string, t: number, maxAheadMs: number): Promise<PricePoint | null>;
  /** The newest bar of every symbol. */
  lastBars(): Promise<Bar[]>;
  /** Deletes bars older than t; returns how many went. */
  pruneBars(before: number): Promise<number>;
  /** Resolves when the store answers (a database round trip), rejects when it does not within timeoutMs. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The store cannot be reached now (its database is down, restarting or out of connections): retry later. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
