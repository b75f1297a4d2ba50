import type { Article, ArticleSource, ArticleTicker } from '../../shared/index.js';

/** A row of the articles table as the SQL stores read it (tickers and alsoFrom as JSON text). */
export interface ArticleRow {
  seq: number;
  id: string;
  headline: string;
  summary: string | null;
  body: string | null;
  source: string;
  url: string | null;
  external_id: string | null;
  published_at: number;
  received_at: number;
  tickers: string;
  tone: number;
  also_from: string;
  pushed_at: number | null;
}

export function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    seq: row.seq,
    headline: row.headline,
    summary: row.summary,
    body: row.body,
    source: row.source,
    url: row.url,
    externalId: row.external_id,
    publishedAt: row.published_at,
    receivedAt: row.received_at,
    tickers: JSON.parse(row.tickers) as ArticleTicker[],
    tone: row.tone,
    alsoFrom: JSON.parse(row.also_from) as ArticleSource[],
    pushedAt: row.pushed_at,
  };
}
