import { z } from 'zod';

/** RFC 3339 with up to nanoseconds, as Alpaca sends it, to epoch ms. */
const timestamp = z.string().transform((s, ctx) => {
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not an RFC 3339 time' });
    return z.NEVER;
  }
  return ms;
});

const symbols = z.array(z.string()).optional().default([]);

const schemas = {
  success: z.object({ T: z.literal('success'), msg: z.string() }),
  error: z.object({ T: z.literal('error'), code: z.number().int(), msg: z.string() }),
  subscription: z.object({ T: z.literal('subscription'), trades: symbols, quotes: symbols, bars: symbols }),
  /** Trade: symbol, price, size, time. */
  t: z.object({ T: z.literal('t'), S: z.string().min(1), p: z.number().positive(), t: timestamp }),
  /** Minute bar: symbol, close, start of the minute. */
  b: z.object({ T: z.literal('b'), S: z.string().min(1), c: z.number().positive(), t: timestamp }),
};

export type AlpacaMessage =
  | { kind: 'success'; msg: string }
  | { kind: 'error'; code: number; msg: string }
  | { kind: 'subscription'; trades: string[]; bars: string[] }
  | { kind: 'trade'; symbol: string; price: number; t: number }
  | { kind: 'bar'; symbol: string; close: number; start: number }
  | { kind: 'other'; type: string };

export type AlpacaFrame =
  | { ok: true; messages: AlpacaMessage[]; bad: number }
  | { ok: false; reason: 'json' | 'schema'; detail: string };

function readMessage(raw: unknown): AlpacaMessage | null {
  const type = typeof raw === 'object' && raw !== null ? (raw as { T?: unknown }).T : undefined;
  if (typeof type !== 'string') return null;
  switch (type) {
    case 'success': {
      const m = schemas.success.safeParse(raw);
      return m.success ? { kind: 'success', msg: m.data.msg } : null;
    }
    case 'error': {
      const m = schemas.error.safeParse(raw);
      return m.success ? { kind: 'error', code: m.data.code, msg: m.data.msg } : null;
    }
    case 'subscription': {
      const m = schemas.subscription.safeParse(raw);
      return m.success ? { kind: 'subscription', trades: m.data.trades, bars: m.data.bars } : null;
    }
    case 't': {
      const m = schemas.t.safeParse(raw);
      return m.success ? { kind: 'trade', symbol: m.data.S, price: m.data.p, t: m.data.t } : null;
    }
    case 'b': {
      const m = schemas.b.safeParse(raw);
      return m.success ? { kind: 'bar', symbol: m.data.S, close: m.data.c, start: m.data.t } : null;
    }
    default:
      // Quotes, daily and updated bars, statuses, corrections…: well-formed, not used.
      return { kind: 'other', type };
  }
}

/**
 * Reads one text frame of Alpaca's market data stream v2: an array of typed messages. A message
 * that fails its schema is counted in `bad` and left out; the rest of the frame is kept.
 */
export function parseAlpacaFrame(text: string): AlpacaFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'json', detail: text.slice(0, 80) };
  }
  if (!Array.isArray(raw)) return { ok: false, reason: 'schema', detail: 'not an array of messages' };
  const messages: AlpacaMessage[] = [];
  let bad = 0;
  for (const item of raw) {
    const m = readMessage(item);
    if (m) messages.push(m);
    else bad += 1;
  }
  return { ok: true, messages, bad };
}
