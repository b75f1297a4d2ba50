import type { Article } from '../../../../shared/index.js';
import type { AlertSettings } from './alert-settings.js';

/** Pure alert rules (unit-tested): which story alerts, which price move after it alerts. */

export interface Alert {
  /** Unique per rule, story and ticker: the same alert never fires twice. */
  key: string;
  kind: 'news' | 'move';
  symbol: string;
  article: Article;
  /** For a move alert: the move since publication, percent. */
  move: number | null;
  /** Epoch ms when it fired. */
  at: number;
}

/** A watched ticker of a live story whose move since publication is being watched. */
export interface MoveWatch {
  key: string;
  symbol: string;
  refPrice: number;
  publishedAt: number;
  article: Article;
}

function watchedTickers(article: Article, settings: AlertSettings): string[] {
  if (!settings.enabled) return [];
  return article.tickers.filter((t) => settings.watchlist.includes(t.symbol)).map((t) => t.symbol);
}

/**
 * A story older than this when it arrives is not news any more (stories replayed after a long
 * disconnect): it does not alert.
 */
export const NEWS_MAX_AGE_MS = 15 * 60_000;

/** The news alert for a story that just arrived, when it is about a watched ticker. */
export function newsAlert(article: Article, settings: AlertSettings, now: number): Alert | null {
  if (!settings.news || now - Math.max(article.publishedAt, article.receivedAt) > NEWS_MAX_AGE_MS)
    return null;
  const [symbol] = watchedTickers(article, settings);
  if (!symbol) return null;
  return { key: `news:${article.id}`, kind: 'news', symbol, article, move: null, at: now };
}

/** The moves to watch after a story arrived: its watched tickers with a price at publication. */
export function moveWatches(article: Article, settings: AlertSettings): MoveWatch[] {
  if (!settings.move) return [];
  const watched = watchedTickers(article, settings);
  return article.tickers
    .filter((t) => watched.includes(t.symbol) && t.refPrice !== null && t.refPrice > 0)
    .map((t) => ({
      key: `move:${article.id}:${t.symbol}`,
      symbol: t.symbol,
      refPrice: t.refPrice as number,
      publishedAt: article.publishedAt,
      article,
    }));
}

/** True while a watch is still inside its window after publication. */
export function isWatching(watch: MoveWatch, now: number, settings: AlertSettings): boolean {
  return now - watch.publishedAt <= settings.moveMinutes * 60_000;
}

/**
 * The compound news-and-move alert: the ticker moved at least movePct % (either way) from its
 * price at publication, at a tick inside the window after the story. Null otherwise.
 */
export function checkMove(
  watch: MoveWatch,
  price: { p: number; t: number },
  settings: AlertSettings,
  now: number,
): Alert | null {
  if (!settings.move || price.t < watch.publishedAt) return null;
  if (price.t - watch.publishedAt > settings.moveMinutes * 60_000) return null;
  const move = (price.p / watch.refPrice - 1) * 100;
  if (Math.abs(move) < settings.movePct) return null;
  return { key: watch.key, kind: 'move', symbol: watch.symbol, article: watch.article, move, at: now };
}

/** The alert's words, for a notification and a toast. */
export function describeAlert(alert: Alert, settings: AlertSettings): { title: string; body: string } {
  if (alert.kind === 'news') return { title: `${alert.symbol}: news`, body: alert.article.headline };
  const sign = (alert.move ?? 0) >= 0 ? '+' : '−';
  const pct = `${sign}${Math.abs(alert.move ?? 0).toFixed(2)}%`;
  return {
    title: `${alert.symbol} ${pct} within ${settings.moveMinutes} min of a story`,
    body: alert.article.headline,
  };
}
