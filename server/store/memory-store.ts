import { randomUUID } from 'node:crypto';
import type { Article, ArticleSource, PricePoint } from '../../shared/index.js';
import type { ArticleDraft, ArticleQuery, AttachResult, Bar, InsertResult, Store } from './types.js';

function matches(article: Article, tickers: string[] | undefined, primaryOnly = false): boolean {
  if (!tickers || tickers.length === 0) return true;
  return article.tickers.some((t) => tickers.includes(t.symbol) && (t.primary || !primaryOnly));
}

/** Keeps everything in process memory: for tests and throwaway runs. */
export class MemoryStore implements Store {
  readonly kind = 'memory';
  private readonly articles: Article[] = [];
  /** Dedupe key -> seq (the article itself is read from `articles`, so replacing it is O(1)). */
  private readonly byKey = new Map<string, number>();
  private readonly byId = new Map<string, Article>();
  private readonly bars = new Map<string, Bar[]>();

  async insertArticle(draft: ArticleDraft): Promise<InsertResult> {
    const existing = this.bySeq(this.byKey.get(draft.dedupeKey));
    if (existing) return { article: existing, created: false };
    const { dedupeKey, ...rest } = draft;
    const article: Article = {
      id: randomUUID(),
      seq: this.articles.length + 1,
      ...rest,
      alsoFrom: rest.alsoFrom ?? [],
      pushedAt: rest.pushedAt ?? null,
    };
    this.articles.push(article);
    this.byKey.set(dedupeKey, article.seq);
    this.byId.set(article.id, article);
    return { article, created: true };
  }

  async attachSource(seq: number, dedupeKey: string, source: ArticleSource | null): Promise<AttachResult> {
    const known = this.bySeq(this.byKey.get(dedupeKey));
    if (known) return { article: known, attached: false };
    const old = this.articles[seq - 1];
    if (!old) throw new Error(`no story with seq ${seq}`);
    const next = source ? this.replace(seq, { alsoFrom: [...(old.alsoFrom ?? []), source] }) : old;
    this.byKey.set(dedupeKey, seq);
    return { article: next, attached: !!source };
  }

  async markPushed(seq: number, pushedAt: number): Promise<void> {
    if (this.articles[seq - 1]) this.replace(seq, { pushedAt });
  }

  /** Stored objects are replaced, never mutated: readers may still hold the old one. */
  private replace(seq: number, change: Partial<Article>): Article {
    const old = this.articles[seq - 1] as Article;
    const next = { ...old, ...change };
    this.articles[seq - 1] = next;
    this.byId.set(next.id, next);
    return next;
  }

  private bySeq(seq: number | undefined): Article | undefined {
    return seq === undefined ? undefined : this.articles[seq - 1];
  }

  async getArticle(id: string): Promise<Article | null> {
    return this.byId.get(id) ?? null;
  }

  async listArticles(q: ArticleQuery): Promise<Article[]> {
    const out: Article[] = [];
    const start = Math.min(this.articles.length, (q.beforeSeq ?? Number.POSITIVE_INFINITY) - 1);
    for (let i = start - 1; i >= 0 && out.length < q.limit; i--) {
      const a = this.articles[i] as Article;
      if (matches(a, q.tickers, q.primaryOnly)) out.push(a);
    }
    return out;
  }

  async articlesAfter(
    afterSeq: number,
    tickers: string[] | undefined,
    limit: number,
    primaryOnly = false,
  ): Promise<Article[]> {
    const out: Article[] = [];
    for (let i = Math.max(0, afterSeq); i < this.articles.length && out.length < limit; i++) {
      const a = this.articles[i] as Article;
      if (matches(a, tickers, primaryOnly)) out.push(a);
    }
    return out;
  }

  async latestSeq(): Promise<number> {
    return this.articles.length;
  }

  async articlesPublishedSince(t: number, limit: number): Promise<Article[]> {
    return this.articles
      .filter((a) => a.publishedAt >= t)
      .sort((a, b) => a.publishedAt - b.publishedAt || a.seq - b.seq)
      .slice(0, limit);
  }

  async updateArticleTickers(seq: number, tickers: Article['tickers']): Promise<void> {
    if (this.articles[seq - 1]) this.replace(seq, { tickers });
  }

  async appendBars(bars: Bar[]): Promise<void> {
    for (const bar of bars) {
      let list = this.bars.get(bar.symbol);
      if (!list) {
        list = [];
        this.bars.set(bar.symbol, list);
      }
      const last = list[list.length - 1];
      if (!last || last.t < bar.t) {
        list.push({ ...bar });
        continue;
      }
      const i = list.findIndex((b) => b.t >= bar.t);
      const same = list[i];
      if (same && same.t === bar.t) {
        // A bar written again is a later snapshot of the same second: it replaces all but the open.
        same.h = bar.h;
        same.l = bar.l;
        same.c = bar.c;
        same.n = bar.n;
      } else list.splice(i, 0, { ...bar });
    }
  }

  async history(symbol: string, from: number, to: number, bucketMs: number): Promise<PricePoint[]> {
    const out: PricePoint[] = [];
    for (const bar of this.bars.get(symbol) ?? []) {
      if (bar.t < from || bar.t > to) continue;
      const t = Math.floor(bar.t / bucketMs) * bucketMs;
      const last = out[out.length - 1];
      if (last && last.t === t) last.p = bar.c;
      else out.push({ t, p: bar.c });
    }
    return out;
  }

  async priceAt(symbol: string, t: number, maxAgeMs: number): Promise<PricePoint | null> {
    const list = this.bars.get(symbol) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const bar = list[i] as Bar;
      if (bar.t <= t) return bar.t >= t - maxAgeMs ? { t: bar.t, p: bar.c } : null;
    }
    return null;
  }

  async firstPriceAfter(symbol: string, t: number, maxAheadMs: number): Promise<PricePoint | null> {
    const bar = (this.bars.get(symbol) ?? []).find((b) => b.t >= t);
    return bar && bar.t <= t + maxAheadMs ? { t: bar.t, p: bar.o } : null;
  }

  async lastBars(): Promise<Bar[]> {
    return [...this.bars.values()].flatMap((list) => (list.length ? [list[list.length - 1] as Bar] : []));
  }

  async pruneBars(before: number): Promise<number> {
    let n = 0;
    for (const [symbol, list] of this.bars) {
      const keep = list.filter((b) => b.t >= before);
      n += list.length - keep.length;
      this.bars.set(symbol, keep);
    }
    return n;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
