import type { ArticleTicker, Evidence } from '../../shared/index.js';
import { canonicalSymbol, EVIDENCE } from '../../shared/index.js';
import type { Resolved, SymbolDirectory } from './directory.js';
import { type NameCandidate, scanNames } from './name-scan.js';
import { cryptoPair, marketOf } from './non-us.js';
import { type Hit, scanSymbols } from './symbol-scan.js';
import { isShouting, plainText, type Word, words } from './text.js';
import { COMMON_WORDS } from './words.js';

export { plainText } from './text.js';

export type Tag = Omit<ArticleTicker, 'refPrice' | 'reaction'>;

export interface TagInput {
  headline: string;
  summary?: string | null;
  body?: string | null;
  /** Symbols a provider already attached to the story. */
  providerTickers?: readonly string[];
}

const strength = (e: Evidence) => EVIDENCE.indexOf(e);

/** Words whose period does not end a sentence ("Inc.", "Feb.", "N.C."). */
const ABBREVIATION =
  /(?:^|[\s(])(?:[A-Z][a-z]{0,2}|Sept|Calif|Mass|Conn|Wash|Minn|Tenn|Ariz|Colo|Corp|Inc|Ltd|[A-Z](?:\.[A-Z])+|inc|corp|co|ltd|plc|vs|etc|approx|est|no|nos)$/;

/** The first sentence of the first paragraph: the lead whose subject is what a story is about. */
function leadSentence(text: string): string {
  const para = /^\s*[^\n]*/.exec(text)?.[0] ?? '';
  for (const m of para.matchAll(/[.!?](?=\s+[A-Z"“(]|\s*$)/g)) {
    if (m[0] === '.' && ABBREVIATION.test(para.slice(Math.max(0, m.index - 12), m.index))) continue;
    return para.slice(0, m.index + 1);
  }
  return para;
}

/** Between two names of one subject there is only "and", commas, "&" or a symbol in parentheses. */
const COORDINATION_RE =
  /^(?:\s|,|&|\/|[()]|and\b|or\b|as well as\b|plus\b|vs\.?|versus\b|\([^()]{0,40}\)|[’']s\b)*$/i;
/** Verbs that end the subject of a lead sentence. */
const REPORTING = /\b(?:said|says|told|reported|reports|announced|announces|added|noted|wrote|according)\b/i;

/** True when a short gap only joins two names of one subject. */
const coordinated = (gap: string) => gap.length <= 60 && COORDINATION_RE.test(gap);

/** What may stand between a company's name and its symbol: "Gartner, Inc. (IT)". */
const NAME_TO_PAREN =
  /^[\s,]*(?:(?:Inc|Corp|Co|Ltd|plc|Corporation|Company|Incorporated|Holdings|Group|N\.V|S\.A|SE|AG)\.?[\s,]*)*$/i;

interface Scored {
  symbol: string;
  evidence: Evidence;
  start: number;
  primary: boolean;
  listing?: string;
  market?: Resolved['market'];
}

/**
 * Finds the tickers of a story from provider tags, cashtags, exchange-qualified symbols, Reuters
 * codes, foreign listing codes, symbols in parentheses, "ticker X" phrases, company names and
 * (in a story that writes tickers) bare symbols, each checked against the symbol directory. A
 * ticker is primary when the headline names it or it is the subject of the lead sentence.
 */
export class Tagger {
  constructor(private readonly directory: SymbolDirectory) {}

  tag(input: TagInput): Tag[] {
    const dir = this.directory;
    const headline = plainText(input.headline).replace(/\n/g, ' ');
    const summary = plainText(input.summary ?? '');
    const body = plainText(input.body ?? '');
    const text = `${headline}\n${summary}\n${body}`;
    const headlineEnd = headline.length;
    const leadStart = summary.trim() ? headlineEnd + 1 : headlineEnd + 2 + summary.length;
    const leadEnd = leadStart + leadSentence(summary.trim() ? summary : body).length;

    const { hits, pending, definedAcronyms } = scanSymbols(text, dir);
    const zones = [
      { text: headline, offset: 0, ws: words(headline) },
      { text: summary, offset: headlineEnd + 1, ws: words(summary) },
      { text: body, offset: headlineEnd + 2 + summary.length, ws: words(body) },
    ];
    const names = zones.flatMap((z, i) => scanNames(z.text, z.offset, dir, i === 0, z.ws));

    // "Gartner (IT)", "Bitcoin (BTC)": a common word in parentheses counts after the company's own name.
    const nameEnds = new Map(names.map((n) => [n.end, n]));
    for (const p of pending) {
      for (let at = p.start; at >= Math.max(0, p.start - 40); at--) {
        const name = nameEnds.get(at);
        if (!name) continue;
        const symbol = name.entry.symbol;
        if (symbol !== p.symbol && symbol !== cryptoPair(p.symbol)) break;
        if (!NAME_TO_PAREN.test(text.slice(at, p.start))) break;
        name.verdict = 'yes';
        const market = marketOf(symbol);
        hits.push({ symbol, ...(market ? { market } : {}), evidence: 'paren', start: p.start, end: p.end });
        break;
      }
    }
    const provider = new Set(
      (input.providerTickers ?? []).map((t) => this.resolveProvider(t)).filter((t): t is string => !!t),
    );
    this.settleNames(names, hits, provider, text, definedAcronyms);
    // A name stands for the share class the story writes ("Brown-Forman (NYSE: BF.B)").
    const written = new Set(hits.map((h) => h.symbol));
    for (const n of names) {
      if (n.verdict !== 'yes') continue;
      const symbol = written.has(n.entry.symbol)
        ? n.entry.symbol
        : (dir.siblings(n.entry.symbol).find((s) => written.has(s)) ?? n.entry.symbol);
      const market = dir.has(symbol) ? undefined : (marketOf(symbol) ?? undefined);
      hits.push({ symbol, ...(market ? { market } : {}), evidence: 'name', start: n.start, end: n.end });
    }
    this.bareSymbols(text, zones, hits, provider.size > 0);

    const subject = this.subjectOf(names, hits, headlineEnd, leadStart, leadEnd, text);
    const best = new Map<string, Scored>();
    const consider = (h: Omit<Scored, 'primary'>, primary: boolean) => {
      const prev = best.get(h.symbol);
      if (!prev) {
        best.set(h.symbol, { ...h, primary });
        return;
      }
      if (strength(h.evidence) < strength(prev.evidence)) prev.evidence = h.evidence;
      prev.start = Math.min(prev.start, h.start);
      prev.primary ||= primary;
      prev.listing ??= h.listing;
    };
    for (const h of hits) consider(h, subject.has(h));
    for (const symbol of provider) {
      const market = dir.has(symbol) ? undefined : (marketOf(symbol) ?? undefined);
      consider(
        { symbol, evidence: 'provider', start: Number.MAX_SAFE_INTEGER, ...(market ? { market } : {}) },
        false,
      );
    }
    const scored = [...best.values()];
    // A provider that tags a story the text does not name a subject of says what the story is about.
    if (!scored.some((s) => s.primary)) for (const s of scored) if (provider.has(s.symbol)) s.primary = true;
    return scored
      .sort((a, b) => Number(b.primary) - Number(a.primary) || a.start - b.start)
      .map((s) => ({
        symbol: s.symbol,
        name: dir.displayName(s.symbol),
        evidence: s.evidence,
        primary: s.primary,
        ...(s.listing ? { listing: s.listing } : {}),
        ...(s.market ? { market: s.market } : {}),
      }));
  }

  /** A provider's tag in canonical form when the directory (or the foreign/crypto forms) knows it. */
  private resolveProvider(raw: string): string | null {
    const trimmed = raw.trim().toUpperCase();
    const crypto = /^([A-Z]{2,6})[-/]?(USD|USDT|USDC)$/.exec(trimmed);
    if (crypto && !this.directory.has(trimmed)) {
      const pair = cryptoPair(crypto[1] as string, crypto[2] as string);
      if (pair) return pair;
    }
    const symbol = canonicalSymbol(trimmed);
    if (symbol && this.directory.has(symbol)) return symbol;
    if (marketOf(trimmed)) return this.directory.resolveNonUs(trimmed).symbol;
    return symbol;
  }

  /** Pass two for names that need the story to back them up. */
  private settleNames(
    names: NameCandidate[],
    hits: Hit[],
    provider: Set<string>,
    text: string,
    definedAcronyms: Set<string>,
  ): void {
    const backed = new Set<string>([...hits.map((h) => h.symbol), ...provider]);
    for (const n of names) if (n.verdict === 'yes') backed.add(n.entry.symbol);
    const accepted = (i: number) => names[i]?.verdict === 'yes';
    const hitEnds = new Map(hits.map((h) => [h.end, h]));
    const afterHit = (n: NameCandidate) => {
      for (let at = n.start; at >= Math.max(0, n.start - 8); at--) {
        const h = hitEnds.get(at);
        if (h && h.symbol !== n.entry.symbol && coordinated(text.slice(at, n.start))) return true;
      }
      return false;
    };
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < names.length; i++) {
        const n = names[i] as NameCandidate;
        if (n.verdict !== 'maybe') continue;
        const prev = names[i - 1];
        const next = names[i + 1];
        const ok =
          backed.has(n.entry.symbol) ||
          (prev && accepted(i - 1) && coordinated(text.slice(prev.end, n.start))) ||
          (next && accepted(i + 1) && coordinated(text.slice(n.end, next.start))) ||
          afterHit(n);
        if (ok) {
          n.verdict = 'yes';
          backed.add(n.entry.symbol);
        }
      }
    }
    // An acronym the story spells out ("Advanced Micro Devices (AMD)") is the company it spells.
    for (const n of names)
      if (n.verdict === 'maybe' && definedAcronyms.has(n.entry.symbol)) n.verdict = 'yes';
  }

  /** Upper-case symbols standing alone, only in a mixed-case story that already writes tickers. */
  private bareSymbols(
    text: string,
    zones: { text: string; offset: number; ws: Word[] }[],
    hits: Hit[],
    hasProvider: boolean,
  ): void {
    if (!hasProvider && !hits.some((h) => h.evidence !== 'name')) return;
    for (const zone of zones) {
      if (!isShouting(zone.text)) this.bareInZone(text, zone.ws, zone.offset, hits);
    }
  }

  private bareInZone(text: string, ws: Word[], offset: number, hits: Hit[]): void {
    const dir = this.directory;
    const symbolish = (w: Word | undefined) =>
      !!w && w.upper && /^[A-Z]{2,5}$/.test(w.raw) && dir.has(w.raw) && !COMMON_WORDS.has(w.raw);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i] as Word;
      if (w.joinPrev || w.joinNext || !/^[A-Z]{3,5}$/.test(w.raw) || !symbolish(w)) continue;
      const prev = ws[i - 1];
      const next = ws[i + 1];
      // A run of capitals is a dateline or a shout ("GEORGE TOWN, Grand Cayman"), not a list of tickers.
      if (
        (prev?.upper && prev.raw.length > 1 && !symbolish(prev)) ||
        (next?.upper && next.raw.length > 1 && !symbolish(next))
      )
        continue;
      const [start, end] = [offset + w.start, offset + w.end];
      if (w.sentenceStart && text[end] === ',') continue;
      if (text[start - 1] === '$' || text[start - 1] === ':') continue;
      if (text[start - 1] === '(' && text[end] === ')') continue;
      hits.push({ symbol: w.raw, evidence: 'symbol', start, end });
    }
  }

  /**
   * The hits that make a ticker primary: every one in the headline (unless it only describes
   * another company, "Apple supplier Foxconn"), and the subject of the lead sentence: its first
   * company and any joined to it by "and" or a comma.
   */
  private subjectOf(
    names: NameCandidate[],
    hits: Hit[],
    headlineEnd: number,
    leadStart: number,
    leadEnd: number,
    text: string,
  ): Set<Hit> {
    const byStart = new Map(names.map((n) => [n.start, n]));
    const subject = new Set<Hit>();
    const sorted = [...hits].sort((a, b) => a.start - b.start);
    const aside = (h: Hit) => {
      const n = byStart.get(h.start);
      return !!n && (n.descriptor || n.source || (h.start >= leadStart && n.attribution));
    };
    for (const h of sorted) if (h.start < headlineEnd && !aside(h)) subject.add(h);
    const lead = sorted.filter((h) => h.start >= leadStart && h.start < leadEnd && !aside(h));
    // "The company said Nvidia and SoftBank joined": a company after the verb is not the subject.
    const first = lead[0];
    if (first && REPORTING.test(text.slice(leadStart, first.start))) return subject;
    let last: Hit | undefined;
    for (const h of lead) {
      if (last && !(h.start <= last.end || coordinated(text.slice(last.end, h.start)))) break;
      subject.add(h);
      last = last && last.end > h.end ? last : h;
    }
    return subject;
  }
}
