/** One configured feed: where it is and how often to ask. */
export interface FeedSpec {
  url: string;
  /** Seconds between polls; null takes NEWS_POLL_SECONDS. */
  intervalSeconds: number | null;
  /** The source name its stories carry; null names it after its site. */
  name: string | null;
}

/** Feeds are separated by commas or white space before the next http(s)://, so URLs may hold commas (?s=AAPL,MSFT). */
const SEPARATOR = /[\s,]+(?=https?:\/\/)/i;

function seconds(raw: string): number | null {
  const m = /^(\d{1,6})\s*(s|m|h)?$/i.exec(raw.trim());
  if (!m) return null;
  const n = Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h'] ?? 1);
  return n >= 1 && n <= 86_400 ? n : null;
}

/**
 * Reads NEWS_FEEDS: `URL[|interval[|name]][, …]`, the interval in seconds (or with s, m, h; empty
 * for the default), the name of the source its stories carry. Returns the feeds and every problem found.
 */
export function parseFeedList(raw: string): { feeds: FeedSpec[]; problems: string[] } {
  const feeds: FeedSpec[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  // Messages name a feed by its place and host, never its whole URL: a query string may hold a key.
  let n = 0;
  for (const part of raw.trim().split(SEPARATOR)) {
    const entry = part.trim().replace(/,+$/, '');
    if (!entry) continue;
    n += 1;
    const which = (host?: string) => `feed ${n}${host ? ` (${host})` : ''}`;
    const hostOf = (text: string) => (URL.canParse(text) ? new URL(text).host : undefined);
    const [urlPart = '', intervalPart = '', ...nameParts] = entry.split('|');
    const urlText = urlPart.trim();
    const interval = intervalPart.trim() ? seconds(intervalPart) : null;
    if (intervalPart.trim() && interval === null) {
      problems.push(
        `${which(hostOf(urlPart.trim()))}: the interval after | must be 1 to 86400 seconds (e.g. |60 or |5m)`,
      );
      continue;
    }
    const name = nameParts.join('|').replace(/\s+/g, ' ').trim();
    if (name.length > 100) {
      problems.push(
        `${which(hostOf(urlPart.trim()))}: the name after the second | must be at most 100 characters`,
      );
      continue;
    }
    let url: URL;
    try {
      url = new URL(urlText);
    } catch {
      problems.push(`${which()}: not a URL`);
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      problems.push(`${which(url.host)}: must be an http:// or https:// URL`);
      continue;
    }
    if (url.username || url.password) {
      problems.push(`${which(url.host)}: credentials in a feed URL are not supported`);
      continue;
    }
    url.hash = '';
    if (seen.has(url.href)) {
      problems.push(`${which(url.host)}: listed twice`);
      continue;
    }
    seen.add(url.href);
    feeds.push({ url: url.href, intervalSeconds: interval, name: name || null });
  }
  if (feeds.length > 200) problems.push(`at most 200 feeds (got ${feeds.length})`);
  return { feeds, problems };
}

/** True for SEC hosts (www.sec.gov, efts.sec.gov…): they ask for a descriptive User-Agent and ≤ 10 requests a second. */
export const isSecHost = (host: string): boolean => /(^|\.)sec\.gov$/i.test(host);
