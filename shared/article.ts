import { z } from 'zod';
import { MOVER_WINDOWS, type MoverWindow, type Reaction } from './reaction.js';
import { symbolSchema } from './symbols.js';

/**
 * How a ticker was found in a story, strongest first: provider tags, cashtags ($NVDA), exchange
 * prefixes (NYSE: BABA), Reuters codes (<KODK.N>), foreign listing codes and pairs (9988.HK,
 * BTC-USD), symbols in parentheses ((COST)), "ticker X" phrases, company names, and bare symbols in
 * a story that already writes tickers.
 */
export const EVIDENCE = [
  'provider',
  'cashtag',
  'exchange',
  'ric',
  'listing',
  'paren',
  'phrase',
  'name',
  'symbol',
] as const;
export type Evidence = (typeof EVIDENCE)[number];

/** Where a tagged symbol trades when it is not a US listing of the directory. */
export const OTHER_MARKETS = ['non-us', 'crypto', 'future'] as const;
export type OtherMarket = (typeof OTHER_MARKETS)[number];

/** A ticker tagged on a story. */
export interface ArticleTicker {
  symbol: string;
  /** Company name from the symbol directory, when known. */
  name: string | null;
  evidence: Evidence;
  /** True when the story is about this company (headline or lead), false when it is only mentioned. */
  primary: boolean;
  /**
   * Reference price (US dollars): the last trade at or before publication, or the first one after
   * it when none was known before (then `reaction.refAfter`); null until a trade is known.
   */
  refPrice: number | null;
  /** How the price reacted to the story; updated live for a day after publication. */
  reaction: Reaction;
  /** The foreign listing the ticker was found through, e.g. "9988.HK" for BABA. */
  listing?: string;
  /**
   * Absent for a US listing. Otherwise the symbol is a foreign listing with no US line
   * ("005930.KS"), a crypto pair ("BTC-USD") or a futures contract ("MGC=F"), and has no price here.
   */
  market?: OtherMarket;
}

/** A later source that carried a story already stored from another one. Times are epoch milliseconds. */
export interface ArticleSource {
  source: string;
  url: string | null;
  externalId: string | null;
  /** When this source says it published the story. */
  publishedAt: number;
  /** When this server received it from this source. */
  receivedAt: number;
}

/** A stored story ("article" on the wire). Times are epoch milliseconds. */
export interface Article {
  id: string;
  /** Dense, increasing commit order: 1, 2, 3, ... */
  seq: number;
  headline: string;
  summary: string | null;
  body: string | null;
  source: string;
  url: string | null;
  externalId: string | null;
  /** When the source published the story. */
  publishedAt: number;
  /** When this server received it (for a polled feed: when the poll's answer arrived). */
  receivedAt: number;
  tickers: ArticleTicker[];
  /** Tone of the story from -1 (bad news) to 1 (good news). */
  tone: number;
  /**
   * Other sources that carried the same story, in order of arrival; the story keeps the source and
   * times of the first. Always present from this server (empty when there is none).
   */
  alsoFrom?: ArticleSource[];
  /** When the story was pushed to clients; null until it was. Always present from this server. */
  pushedAt?: number | null;
}

const MAX_FUTURE_MS = 5 * 60_000;

const publishedAtSchema = z
  .union([
    z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time or epoch milliseconds' }),
    z.number().int().positive(),
  ])
  .transform((v, ctx) => {
    const ms = typeof v === 'number' ? v : Date.parse(v);
    if (!Number.isFinite(ms) || ms < Date.UTC(1990, 0, 1)) {
      ctx.addIssue({ code: 'custom', message: 'must be a date after 1990' });
      return z.NEVER;
    }
    if (ms > Date.now() + MAX_FUTURE_MS) {
      ctx.addIssue({ code: 'custom', message: 'must not be more than 5 minutes in the future' });
      return z.NEVER;
    }
    return ms;
  });

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .nullable()
    .transform((s) => (s?.trim() ? s.trim() : undefined));

/** Body of POST /api/articles. Unknown fields are rejected so typos do not pass silently. */
export const articleInputSchema = z.strictObject({
  headline: z.string().trim().min(1, 'must not be empty').max(500),
  summary: optionalText(5_000),
  body: optionalText(100_000),
  source: z.string().trim().min(1, 'must not be empty').max(100),
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2_000)
    .optional()
    .nullable()
    .transform((u) => u ?? undefined),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .nullable()
    .transform((s) => s ?? undefined),
  publishedAt: publishedAtSchema
    .optional()
    .nullable()
    .transform((v) => v ?? undefined),
  tickers: z
    .array(symbolSchema)
    .max(50)
    .optional()
    .nullable()
    .transform((v) => v ?? undefined),
});
export type ArticleInput = z.input<typeof articleInputSchema>;
export type ValidArticleInput = z.output<typeof articleInputSchema>;

/** Answer of GET /api/articles: newest first; pass nextBeforeSeq as beforeSeq for the next page. */
export interface ArticlePage {
  articles: Article[];
  nextBeforeSeq: number | null;
  latestSeq: number;
}

/** Pushed as reactions:updated: the new tickers (with reactions) of stories whose reaction changed. */
export interface ReactionUpdate {
  id: string;
  seq: number;
  tickers: ArticleTicker[];
}

/** Pushed as article:updated: the sources of a story changed (another source carried it). */
export interface ArticleUpdate {
  id: string;
  seq: number;
  alsoFrom: ArticleSource[];
}

/** A story ranked by how much it moved its tickers (GET /api/movers). */
export interface Mover {
  article: Article;
  /** The ticker with the largest abnormal move among the story's primary tickers. */
  symbol: string;
  move: number | null;
  abnormal: number | null;
}

/** Answer of GET /api/movers: stories of the window, biggest abnormal move first. */
export interface MoversPage {
  window: MoverWindow;
  movers: Mover[];
}

export const moversQuerySchema = z.object({
  window: z.enum(Object.keys(MOVER_WINDOWS) as [MoverWindow, ...MoverWindow[]]).default('1h'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Query of GET /api/articles. */
export const articleQuerySchema = z.object({
  tickers: z.string().max(2_000).optional(),
  /** With tickers: only stories about them (primary tags), not mere mentions. */
  primaryOnly: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeSeq: z.coerce.number().int().positive().optional(),
});
