import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { canonicalSymbol } from '../../../shared/index.js';
import { parseFeedDate } from './dates.js';
import { htmlToText, lineText } from './html-text.js';

/** One story of a feed, as read from its XML. */
export interface FeedItem {
  /** The feed's id of the story: guid (RSS), id (Atom), rdf:about, else the link. */
  id: string;
  link: string | null;
  title: string;
  summary: string;
  /** Longer text (content:encoded, Atom content), when the feed carries it. */
  body: string;
  /** Null when the feed gives no date or one that cannot be read. */
  publishedAt: number | null;
  /** Tickers the feed's metadata names (nasdaq:tickers, GlobeNewswire stock categories). */
  tickers: string[];
  /** SEC CIKs of the companies a filing is about (SEC EDGAR feeds). */
  ciks: number[];
  /** The item had a date the parser could not read. */
  badDate: boolean;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string;
  items: FeedItem[];
  /** Items skipped as malformed, by reason. */
  skipped: { reason: 'no-title' | 'no-id' | 'bad-item'; detail?: string }[];
}

export class FeedParseError extends Error {
  constructor(
    readonly reason: 'not-xml' | 'not-a-feed',
    message: string,
  ) {
    super(message);
  }
}

type Node = Record<string, unknown>;

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const ARRAYS = new Set(['item', 'entry', 'link', 'category', 'atom:link', 'nasdaq:tickers']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Entities are decoded as XML requires, within limits: a feed that declares entities to expand
  // itself a billion times ("billion laughs") gets nowhere.
  processEntities: {
    enabled: true,
    maxEntitySize: 1_000,
    maxEntityCount: 20,
    maxTotalExpansions: 1_000,
    maxExpandedLength: 200_000,
  },
  htmlEntities: false,
  // Names that would reach Object.prototype are renamed, not refused: one odd element does not sink a feed.
  transformTagName: (name) => (RESERVED.has(name) ? `_${name}` : name),
  transformAttributeName: (name) => (RESERVED.has(name) ? `_${name}` : name),
  isArray: (name) => ARRAYS.has(name),
  maxNestedTags: 60,
});

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** The text of an element: a string, or the #text of an element with attributes. */
function text(v: unknown): string {
  const x = first(v);
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (isNode(x)) {
    const t = x['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t);
  }
  return '';
}

const attr = (v: unknown, name: string): string => {
  const x = first(v);
  return isNode(x) && typeof x[`@_${name}`] === 'string' ? (x[`@_${name}`] as string) : '';
};

/** The first non-empty text among the given child elements. */
function pick(node: Node, ...names: string[]): string {
  for (const n of names) {
    const t = text(node[n]).trim();
    if (t) return t;
  }
  return '';
}

/** An absolute http(s) URL, or null. */
function httpUrl(raw: string, base?: string): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** US venues whose "VENUE:SYMBOL" tags name a US ticker; other venues' codes are left to the tagger. */
const US_VENUES =
  /^(?:nyse(?:\s+(?:american|arca|mkt))?|nasdaq(?:\s+\w+)?|amex|cboe(?:\s+\w+)?|bats|otc(?:\s*\w+)?|other\s+otc|otcqx|otcqb|pink(?:\s+sheets)?)$/i;

/** "Nasdaq:EBIX", "Other OTC:ACCR" → the symbol, when the venue is a US one. */
function venueSymbol(tag: string): string | null {
  const m = /^\s*([^:]{2,30}):\s*([A-Za-z.\-/]{1,8})\s*$/.exec(tag);
  if (!m || !US_VENUES.test((m[1] as string).trim())) return null;
  return canonicalSymbol(m[2] as string);
}

function symbols(raw: string[]): string[] {
  const out = new Set<string>();
  for (const s of raw) {
    const c = canonicalSymbol(s);
    if (c) out.add(c);
  }
  return [...out];
}

/** Tickers from an item's metadata: nasdaq:tickers and stock categories (GlobeNewswire). */
function metadataTickers(item: Node): string[] {
  const raw: string[] = [];
  for (const t of list(item['nasdaq:tickers'])) raw.push(...text(t).split(/[,\s]+/));
  const fromCategories: string[] = [];
  for (const c of list(item.category)) {
    const domain = attr(c, 'domain');
    if (/\/stock\b/i.test(domain)) {
      const s = venueSymbol(text(c));
      if (s) fromCategories.push(s);
    }
  }
  return [...new Set([...symbols(raw), ...fromCategories])];
}

function finish(
  raw: Omit<FeedItem, 'id' | 'badDate' | 'publishedAt'> & { id: string; date: string },
  skipped: ParsedFeed['skipped'],
): FeedItem | null {
  if (!raw.title) {
    skipped.push({ reason: 'no-title', detail: raw.id || raw.link || undefined });
    return null;
  }
  const id = raw.id || raw.link;
  if (!id) {
    skipped.push({ reason: 'no-id', detail: raw.title.slice(0, 80) });
    return null;
  }
  const publishedAt = parseFeedDate(raw.date);
  const { date: _date, ...rest } = raw;
  return { ...rest, id: id.slice(0, 2_000), publishedAt, badDate: !!raw.date && publishedAt === null };
}

function rssItem(item: Node, skipped: ParsedFeed['skipped'], base?: string): FeedItem | null {
  const link = httpUrl(pick(item, 'link'), base);
  const guid = pick(item, 'guid');
  const description = pick(item, 'description', 'media:description', 'media:text', 'summary');
  const encoded = pick(item, 'content:encoded');
  return finish(
    {
      id: guid || attr(item, 'rdf:about'),
      link: link ?? (attr(item.guid, 'isPermaLink') !== 'false' ? httpUrl(guid) : null),
      title: lineText(pick(item, 'title', 'media:title')),
      summary: htmlToText(description || encoded, 5_000),
      body: encoded ? htmlToText(encoded, 100_000) : '',
      tickers: metadataTickers(item),
      ciks: [],
      date: pick(item, 'pubDate', 'dc:date', 'a10:updated', 'published', 'updated', 'dc:modified'),
    },
    skipped,
  );
}

/** An Atom text construct: type="html" is escaped HTML, "xhtml" markup; both become text. */
function atomText(v: unknown, max: number): string {
  const x = first(v);
  if (isNode(x) && x.div !== undefined && text(x) === '') return htmlToText(JSON.stringify(x.div), max);
  return htmlToText(text(x), max);
}

function atomLink(entry: Node, base?: string): string | null {
  const links = list(entry.link);
  const alternate =
    links.find((l) => attr(l, 'rel') === 'alternate') ?? links.find((l) => !attr(l, 'rel')) ?? links[0];
  return httpUrl(attr(alternate, 'href') || text(alternate), base);
}

/** SEC EDGAR: "3/A - Coinbase Global, Inc. (0001679788) (Issuer)" names a company and its role. */
const EDGAR_TITLE = /^(.*?)\s*\((\d{10})\)\s*\((Issuer|Filer|Subject|Filed by|Reporting)\)\s*$/i;

function atomEntry(entry: Node, skipped: ParsedFeed['skipped'], base?: string): FeedItem | null {
  const summary = atomText(entry.summary, 5_000);
  const content = first(entry.content);
  // EDGAR puts filing fields in <content type="text/xml">: not prose.
  const contentText =
    isNode(content) && attr(content, 'type') === 'text/xml' ? '' : atomText(content, 100_000);
  return finish(
    {
      id: pick(entry, 'id'),
      link: atomLink(entry, base),
      title: lineText(atomText(entry.title, 1_000)),
      summary: summary || contentText.slice(0, 5_000),
      body: summary ? contentText : '',
      tickers: metadataTickers(entry),
      ciks: [],
      date: pick(entry, 'published', 'updated', 'dc:date'),
    },
    skipped,
  );
}

/**
 * EDGAR feeds name filings by form and filer: the company feed ("8-K - Current report") gets
 * the company's name in front; the latest-filings feed lists one filing once per filer, and the
 * issuer's line says what it is about, so those are folded into one story under the issuer.
 */
function edgarItems(feed: Node, items: FeedItem[]): FeedItem[] {
  const info = isNode(feed['company-info']) ? (feed['company-info'] as Node) : null;
  if (info) {
    const name = text(info['conformed-name']).replace(/\s+/g, ' ').trim();
    const cik = Number(text(info.cik));
    return items.map((i) => ({
      ...i,
      title: name ? `${name}: ${i.title.replace(/\s+-\s+/, ' - ')}` : i.title,
      ciks: Number.isFinite(cik) && cik > 0 ? [cik] : [],
    }));
  }
  const byId = new Map<string, { item: FeedItem; role: string }>();
  for (const item of items) {
    const m = EDGAR_TITLE.exec(item.title);
    const role = (m?.[3] ?? '').toLowerCase();
    const cik = m ? Number(m[2]) : null;
    const title = m ? `${m[1]} (${m[3]})` : item.title;
    const company = role !== 'reporting' && cik !== null;
    const held = byId.get(item.id);
    if (!held) {
      byId.set(item.id, { item: { ...item, title, ciks: company ? [cik] : [] }, role });
      continue;
    }
    // The issuer's (or filer's) line names the filing better than a reporting person's.
    if (company) {
      const ciks = [...new Set([...held.item.ciks, cik])];
      held.item = held.role === 'reporting' ? { ...item, title, ciks } : { ...held.item, ciks };
      if (held.role === 'reporting') held.role = role;
    }
  }
  return [...byId.values()].map((v) => v.item);
}

const isEdgar = (feed: Node, base?: string) =>
  /(^|\.)sec\.gov$/i.test(base ? (httpUrl(base) ? new URL(base).hostname : '') : '') ||
  /sec\.gov/i.test(pick(feed, 'id')) ||
  isNode(feed['company-info']);

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF) or Atom document, with the extensions the market feeds use:
 * MRSS descriptions, Dublin Core dates and creators, nasdaq:tickers, GlobeNewswire stock
 * categories, SEC EDGAR filings. A malformed item is skipped and reported in `skipped`; a
 * document that is not XML or not a feed throws FeedParseError. `base` resolves relative links.
 */
export function parseFeed(xml: string, base?: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new FeedParseError('not-xml', `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (err) {
    throw new FeedParseError('not-xml', `unreadable XML: ${(err as Error).message}`);
  }
  if (!isNode(doc)) throw new FeedParseError('not-a-feed', 'empty document');
  const skipped: ParsedFeed['skipped'] = [];
  const read = <T>(nodes: unknown[], fn: (n: Node) => T | null): T[] => {
    const out: T[] = [];
    for (const n of nodes) {
      if (!isNode(n)) {
        skipped.push({ reason: 'bad-item', detail: 'not an element' });
        continue;
      }
      try {
        const v = fn(n);
        if (v) out.push(v);
      } catch (err) {
        skipped.push({ reason: 'bad-item', detail: (err as Error).message });
      }
    }
    return out;
  };

  const rss = doc.rss;
  if (isNode(rss) && isNode(first(rss.channel))) {
    const channel = first(rss.channel) as Node;
    const link = httpUrl(pick(channel, 'link'), base) ?? base;
    return {
      format: 'rss',
      title: lineText(pick(channel, 'title')),
      items: read(list(channel.item), (n) => rssItem(n, skipped, link)),
      skipped,
    };
  }
  const feed = doc.feed;
  if (isNode(feed)) {
    const items = read(list(feed.entry), (n) => atomEntry(n, skipped, base));
    return {
      format: 'atom',
      title: lineText(atomText(feed.title, 500)),
      items: isEdgar(feed, base) ? edgarItems(feed, items) : items,
      skipped,
    };
  }
  const rdf = doc['rdf:RDF'];
  if (isNode(rdf)) {
    const channel = isNode(first(rdf.channel)) ? (first(rdf.channel) as Node) : {};
    return {
      format: 'rdf',
      title: lineText(pick(channel, 'title')),
      items: read(list(rdf.item), (n) => rssItem(n, skipped, base)),
      skipped,
    };
  }
  throw new FeedParseError('not-a-feed', `not an RSS or Atom feed (root: ${Object.keys(doc)[0] ?? 'none'})`);
}
