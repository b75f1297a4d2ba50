import type { ArticleTicker, Evidence } from '../../shared/index.js';
import { canonicalSymbol, EVIDENCE } from '../../shared/index.js';
import { COMMON_ACRONYMS } from './aliases.js';
import { normaliseName, type SymbolDirectory } from './directory.js';

export type Tag = Omit<ArticleTicker, 'refPrice' | 'reaction'>;

export interface TagInput {
  headline: string;
  summary?: string | null;
  body?: string | null;
  /** Symbols a provider already attached to the story. */
  providerTickers?: string[];
}

interface Hit {
  symbol: string;
  evidence: Evidence;
  index: number;
}

const CASHTAG = /(?<![A-Za-z0-9$])\$([A-Za-z]{1,5}(?:\.[A-Za-z]{1,2})?)(?![A-Za-z0-9])/g;
const EXCHANGE =
  /\b(?:NYSE(?:\s?American|\s?Arca|\s?MKT)?|NASDAQ(?:\s?GS|\s?GM|\s?CM)?|Nasdaq(?:\s?GS|\s?GM|\s?CM)?|AMEX|Cboe(?:\s?BZX)?|BATS|OTC(?:QX|QB|\s?Markets)?)\s*:\s*([A-Z]{1,5}(?:[.-][A-Z]{1,2})?)\b/g;
const PAREN = /\(([A-Z]{1,5}(?:\.[A-Z]{1,2})?)\)/g;
const WORD = /[A-Za-z0-9][A-Za-z0-9&]*(?:[.'’][A-Za-z0-9]+)*/g;

const strength = (e: Evidence) => EVIDENCE.indexOf(e);

/** Removes markup and decodes the few entities feeds use, keeping offsets meaningful for zones. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** The first sentence of a paragraph: the "lead" whose subject is what a story is about. */
function firstSentence(text: string): string {
  const m = /^[\s\S]*?[.!?](?=\s+[A-Z"“(]|\s*$)/.exec(text);
  return m ? m[0] : text;
}

/** True when the words before a parenthesis spell it: "artificial intelligence (AI)". */
function isAcronymDefinition(text: string, index: number, symbol: string): boolean {
  const words = text.slice(Math.max(0, index - 80), index).match(/[A-Za-z]+/g) ?? [];
  const initials = words
    .slice(-symbol.length)
    .map((w) => w[0]?.toUpperCase())
    .join('');
  return initials === symbol;
}

function mostlyUpperCase(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  return letters.length >= 12 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.8;
}

/**
 * Finds the tickers of a story: provider tags, cashtags, exchange-qualified symbols, symbols in
 * parentheses and company names, each checked against the symbol directory. A ticker is primary
 * when the headline or the lead sentence names it.
 */
export class Tagger {
  constructor(private readonly directory: SymbolDirectory) {}

  tag(input: TagInput): Tag[] {
    const headline = plainText(input.headline);
    const summary = plainText(input.summary ?? '');
    const body = plainText(input.body ?? '');
    const lead = firstSentence(summary || body);
    const text = `${headline}\n${summary}\n${body}`;
    const headlineEnd = headline.length;
    const leadEnd = summary ? headlineEnd + 1 + lead.length : headlineEnd + 2 + lead.length;

    const hits: Hit[] = [];
    for (const m of text.matchAll(CASHTAG)) this.addSymbolHit(hits, m[1], 'cashtag', m.index);
    for (const m of text.matchAll(EXCHANGE)) this.addSymbolHit(hits, m[1], 'exchange', m.index, true);
    for (const m of text.matchAll(PAREN)) {
      const sym = m[1] as string;
      if (COMMON_ACRONYMS.has(sym) || isAcronymDefinition(text, m.index, sym)) continue;
      this.addSymbolHit(hits, sym, 'paren', m.index);
    }
    this.nameHits(headline, 0, mostlyUpperCase(headline), hits);
    this.nameHits(`${summary}\n${body}`, headlineEnd + 1, false, hits);

    const best = new Map<string, { evidence: Evidence; index: number; primary: boolean }>();
    const consider = (symbol: string, evidence: Evidence, index: number) => {
      const primary = index < leadEnd;
      const prev = best.get(symbol);
      if (!prev) best.set(symbol, { evidence, index, primary });
      else {
        if (strength(evidence) < strength(prev.evidence)) prev.evidence = evidence;
        prev.index = Math.min(prev.index, index);
        prev.primary ||= primary;
      }
    };
    for (const raw of input.providerTickers ?? []) {
      const symbol = canonicalSymbol(raw);
      if (!symbol) continue;
      const found = hits.find((h) => h.symbol === symbol);
      consider(symbol, 'provider', found ? found.index : Number.MAX_SAFE_INTEGER);
    }
    for (const h of hits) consider(h.symbol, h.evidence, h.index);

    const tags: Tag[] = [...best.entries()]
      .sort(([, a], [, b]) => Number(b.primary) - Number(a.primary) || a.index - b.index)
      .map(([symbol, v]) => ({
        symbol,
        name: this.directory.displayName(symbol),
        evidence: v.evidence,
        primary: v.primary,
      }));
    // A story is about something: with no ticker in headline or lead, the first tag is its subject.
    const first = tags[0];
    if (first && !tags.some((t) => t.primary)) first.primary = true;
    return tags;
  }

  private addSymbolHit(
    hits: Hit[],
    raw: string | undefined,
    evidence: Evidence,
    index: number,
    qualified = false,
  ) {
    const symbol = raw ? canonicalSymbol(raw) : null;
    if (!symbol) return;
    // An exchange prefix is strong enough on its own; other forms must name a listed symbol.
    if (!qualified && !this.directory.has(symbol)) return;
    hits.push({ symbol, evidence, index });
  }

  private nameHits(zone: string, offset: number, shouting: boolean, hits: Hit[]): void {
    const dir = this.directory;
    const tokens = [...zone.matchAll(WORD)].map((m) => ({ word: m[0], index: m.index }));
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i] as { word: string; index: number };
      if (!/^[A-Z0-9]/.test(first.word)) continue;
      for (let n = Math.min(dir.maxNameWords, tokens.length - i); n >= 1; n--) {
        const slice = tokens.slice(i, i + n);
        // names do not run across sentence breaks or line breaks
        const span = zone.slice(first.index, (slice[n - 1]?.index ?? 0) + (slice[n - 1]?.word.length ?? 0));
        if (/[.!?;:\n]\s/.test(span)) continue;
        const key = normaliseName(slice.map((t) => t.word).join(' '));
        const symbol = dir.names.get(key);
        if (!symbol || (shouting && !dir.curated.has(key))) continue;
        hits.push({ symbol, evidence: 'name', index: offset + first.index });
        i += n - 1;
        break;
      }
    }
  }
}
