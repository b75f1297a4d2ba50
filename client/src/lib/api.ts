import type {
  ApiError,
  Article,
  ArticlePage,
  ErrorCode,
  HealthResponse,
  MoversPage,
  MoverWindow,
  PriceHistory,
  QuotesResponse,
} from '../../../shared/index.js';
import { getViewToken, markViewTokenRefused } from './view-token.js';

/** A failed API call: the HTTP status and the server's error envelope when it sent one. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';

  constructor(status: number, code: ErrorCode | 'NETWORK', message: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
  }

  /** 4xx answers will not get better by retrying. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500 && this.code !== 'RATE_LIMITED';
  }
}

type Params = Record<string, string | number | undefined | null>;

function buildUrl(path: string, params?: Params): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const qs = search.toString();
  // Commas stay readable in the URL (tickers=BABA,NVDA) and the server splits on them either way.
  return qs ? `${path}?${qs.replaceAll('%2C', ',')}` : path;
}

function isApiErrorBody(v: unknown): v is { error: ApiError } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function getJson<T>(path: string, params?: Params, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    const token = getViewToken();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    res = await fetch(buildUrl(path, params), { signal, headers });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiRequestError(0, 'NETWORK', 'The server could not be reached');
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    if (res.status === 401) markViewTokenRefused();
    if (isApiErrorBody(body)) throw new ApiRequestError(res.status, body.error.code, body.error.message);
    throw new ApiRequestError(res.status, res.status === 404 ? 'NOT_FOUND' : 'INTERNAL', res.statusText);
  }
  return (await res.json()) as T;
}

/** GET /api/articles: newest first; an empty ticker list means every story. */
export function fetchArticles(
  query: { tickers: readonly string[]; primaryOnly?: boolean; limit?: number; beforeSeq?: number | null },
  signal?: AbortSignal,
): Promise<ArticlePage> {
  return getJson<ArticlePage>(
    '/api/articles',
    {
      tickers: query.tickers.join(','),
      primaryOnly: query.primaryOnly && query.tickers.length > 0 ? 'true' : undefined,
      limit: query.limit,
      beforeSeq: query.beforeSeq,
    },
    signal,
  );
}

/** GET /api/articles/:id. */
export function fetchArticle(id: string, signal?: AbortSignal): Promise<Article> {
  return getJson<Article>(`/api/articles/${encodeURIComponent(id)}`, undefined, signal);
}

/** GET /api/movers: stories of the window ranked by the abnormal move of their tickers. */
export function fetchMovers(window: MoverWindow, limit: number, signal?: AbortSignal): Promise<MoversPage> {
  return getJson<MoversPage>('/api/movers', { window, limit }, signal);
}

/** GET /api/tickers/:symbol/history between two epoch-ms instants. */
export function fetchPriceHistory(
  symbol: string,
  from: number,
  to: number,
  signal?: AbortSignal,
): Promise<PriceHistory> {
  return getJson<PriceHistory>(
    `/api/tickers/${encodeURIComponent(symbol)}/history`,
    { from: Math.floor(from), to: Math.ceil(to) },
    signal,
  );
}

/** GET /api/quotes: last price per symbol. */
export function fetchQuotes(symbols: readonly string[], signal?: AbortSignal): Promise<QuotesResponse> {
  return getJson<QuotesResponse>('/api/quotes', { symbols: symbols.join(',') }, signal);
}

/** GET /api/health. */
export function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return getJson<HealthResponse>('/api/health', undefined, signal);
}
