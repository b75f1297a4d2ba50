/** Display formats shared by every panel: USD with 2 decimals, signed percentages, ET and local times. */

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** "$1,234.56"; "—" when unknown. */
export function formatUsd(price: number | null | undefined): string {
  return price == null || !Number.isFinite(price) ? '—' : usd.format(price);
}

/** The change from ref to price as a fraction (0.0123 = +1.23 %); null when either is unknown. */
export function moveSince(price: number | null | undefined, ref: number | null | undefined): number | null {
  if (price == null || ref == null || !(ref > 0) || !Number.isFinite(price)) return null;
  return price / ref - 1;
}

export type Direction = 'up' | 'down' | 'flat';

/** Direction of a fractional move once rounded to the 2 decimals shown. */
export function directionOf(move: number | null): Direction {
  if (move == null) return 'flat';
  const bp = Math.round(move * 10_000);
  return bp > 0 ? 'up' : bp < 0 ? 'down' : 'flat';
}

/** "+1.23%", "-0.45%", "0.00%"; "—" when unknown. Takes a fraction. */
export function formatPct(move: number | null | undefined): string {
  if (move == null || !Number.isFinite(move)) return '—';
  const dir = directionOf(move);
  const abs = Math.abs(move * 100).toFixed(2);
  return dir === 'up' ? `+${abs}%` : dir === 'down' ? `-${abs}%` : '0.00%';
}

/** "+0.42%" from a move already in percent (a reaction's); "—" when unknown. */
export function formatPercent(value: number | null | undefined): string {
  return value == null ? '—' : formatPct(value / 100);
}

/** "+1.85" from percentage points (an abnormal move); "—" when unknown. */
export function formatPoints(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const dir = directionOf(value / 100);
  const abs = Math.abs(value).toFixed(2);
  return dir === 'up' ? `+${abs}` : dir === 'down' ? `-${abs}` : '0.00';
}

/** "now", "45s", "2m", "3h", "4d": age of a story. */
export function formatAge(ms: number, now: number): string {
  const s = Math.max(0, Math.floor((now - ms) / 1_000));
  if (s < 5) return 'now';
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

export const MARKET_TZ = 'America/New_York';

const etTime = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TZ,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const etShort = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TZ,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const etDate = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TZ,
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});
const localTime = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});
const localShort = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const localZone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' });
const localFull = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A delay for people: "0.4 s", "12 s", "3 min 5 s", "2 h 5 min", "3 d". */
export function formatDelay(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${Math.round(s * 10) / 10} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return s % 60 >= 1 && min < 10 ? `${min} min ${Math.floor(s % 60)} s` : `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** "09:41:07" in US/Eastern. */
export function formatEtTime(ms: number): string {
  return etTime.format(ms);
}

/** "09:41" in US/Eastern (chart axis). */
export function formatEtShort(ms: number): string {
  return etShort.format(ms);
}

/** "Tue, Mar 4" in US/Eastern. */
export function formatEtDate(ms: number): string {
  return etDate.format(ms);
}

/** "15:41:07 CET" in the browser's zone. */
export function formatLocalTime(ms: number): string {
  return localTime.format(ms);
}

/** "15:41" in the browser's zone (chart tooltip). */
export function formatLocalShort(ms: number): string {
  return localShort.format(ms);
}

/** Short name of the browser's zone at an instant ("CET", "GMT+5:30"). */
export function localZoneName(ms: number): string {
  return localZone.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'local';
}

/** Full local date and time, for hover titles. */
export function formatLocalFull(ms: number): string {
  return localFull.format(ms);
}

const etClock = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TZ,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** Offset of US/Eastern from UTC at an instant, in ms (-4 h in summer, -5 h in winter). */
export function etOffsetMs(ms: number): number {
  const parts = etClock.formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour') % 24,
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(ms / 1_000) * 1_000;
}

const etParts = new Intl.DateTimeFormat('en-US', {
  timeZone: MARKET_TZ,
  weekday: 'short',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

export type MarketSession = 'pre' | 'open' | 'post' | 'closed';

/** US equity session at an instant (regular 09:30–16:00 ET, extended 04:00–20:00; holidays ignored). */
export function marketSession(ms: number): MarketSession {
  const parts = etParts.formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = get('weekday');
  if (weekday === 'Sat' || weekday === 'Sun') return 'closed';
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  if (minutes >= 570 && minutes < 960) return 'open';
  if (minutes >= 240 && minutes < 570) return 'pre';
  if (minutes >= 960 && minutes < 1200) return 'post';
  return 'closed';
}
