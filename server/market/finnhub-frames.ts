import { z } from 'zod';

/** One trade of a `trade` frame: symbol, price (USD), time (epoch ms), volume, conditions. */
const tradeSchema = z.object({
  s: z.string().min(1),
  p: z.number().positive(),
  t: z.number().int().nonnegative(),
  v: z.number().nonnegative().optional(),
  c: z.array(z.string()).nullish(),
});

export const finnhubFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('trade'), data: z.array(tradeSchema) }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('error'), msg: z.string() }),
]);

const OURS = new Set(['trade', 'ping', 'error']);

export type FinnhubTrade = z.infer<typeof tradeSchema>;

export type FinnhubEvent =
  | { kind: 'trades'; trades: FinnhubTrade[] }
  | { kind: 'ping' }
  | { kind: 'error'; message: string; tooManySymbols: boolean }
  | { kind: 'other'; type: string }
  | { kind: 'bad'; reason: 'json' | 'schema'; detail: string };

/** Reads one text frame from wss://ws.finnhub.io. */
export function parseFinnhubFrame(text: string): FinnhubEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: 'json', detail: text.slice(0, 80) };
  }
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  // Other streams share the socket (news, press releases): well-formed, not ours.
  if (typeof type === 'string' && !OURS.has(type)) return { kind: 'other', type };
  const parsed = finnhubFrameSchema.safeParse(raw);
  if (!parsed.success) {
    return { kind: 'bad', reason: 'schema', detail: parsed.error.issues[0]?.message ?? 'invalid' };
  }
  const frame = parsed.data;
  switch (frame.type) {
    case 'trade':
      return { kind: 'trades', trades: frame.data };
    case 'ping':
      return { kind: 'ping' };
    case 'error':
      return { kind: 'error', message: frame.msg, tooManySymbols: /too many symbols/i.test(frame.msg) };
  }
}
