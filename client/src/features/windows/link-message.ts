import type { Article } from '../../../../shared/index.js';

/** What linked windows tell each other over the BroadcastChannel. */
export type LinkMessage =
  | { type: 'story:selected'; from: string; article: Article }
  | { type: 'tickers:selected'; from: string; tickers: string[] };

export const CHANNEL_NAME = 'tickerwire:windows';

/** A message from another window, checked (another version of the page may be open). */
export function parseLinkMessage(data: unknown, self: string): LinkMessage | null {
  if (typeof data !== 'object' || data === null || !('type' in data) || !('from' in data)) return null;
  if (typeof data.from !== 'string' || data.from === self) return null;
  if (data.type === 'story:selected' && 'article' in data) {
    const a = data.article;
    if (typeof a === 'object' && a !== null && 'id' in a && 'tickers' in a && Array.isArray(a.tickers)) {
      return { type: 'story:selected', from: data.from, article: a as Article };
    }
  }
  if (data.type === 'tickers:selected' && 'tickers' in data && Array.isArray(data.tickers)) {
    const tickers = data.tickers.filter((t): t is string => typeof t === 'string');
    return { type: 'tickers:selected', from: data.from, tickers };
  }
  return null;
}
