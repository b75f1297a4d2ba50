import { z } from 'zod';

/**
 * A canonical US symbol: 1-5 capital letters, optionally a share class after a dot (BRK.B).
 * Non-US listings keep their venue suffix in a separate form handled by the tagger.
 */
export const SYMBOL_RE = /^[A-Z]{1,5}(?:\.[A-Z]{1,2})?$/;

/** Canonical form: upper case, share class separated by a dot (BRK-B, BRK/B, brk.b -> BRK.B). */
export function canonicalSymbol(raw: string): string | null {
  const s = raw.trim().replace(/^\$/, '').toUpperCase().replace(/[-/ ]/g, '.');
  return SYMBOL_RE.test(s) ? s : null;
}

export const symbolSchema = z
  .string()
  .trim()
  .max(12)
  .transform((s, ctx) => {
    const c = canonicalSymbol(s);
    if (!c) {
      ctx.addIssue({ code: 'custom', message: `"${s}" is not a valid ticker symbol` });
      return z.NEVER;
    }
    return c;
  });

/** Parses "BABA, nvda,BRK-B" (as in ?tickers=) into canonical symbols; invalid ones are returned apart. */
export function parseSymbolList(raw: string | null | undefined): { symbols: string[]; invalid: string[] } {
  const symbols: string[] = [];
  const invalid: string[] = [];
  for (const part of (raw ?? '').split(',')) {
    if (!part.trim()) continue;
    const c = canonicalSymbol(part);
    if (c) {
      if (!symbols.includes(c)) symbols.push(c);
    } else invalid.push(part.trim());
  }
  return { symbols, invalid };
}
