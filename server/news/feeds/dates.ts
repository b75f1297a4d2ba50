/** Dates as feeds write them: RFC 822 and its variants (RSS), ISO 8601 / RFC 3339 (Atom, APIs). */

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** Offsets (minutes east of UTC) of the zone names feeds use. Single military letters count as UTC (RFC 2822). */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  bst: 60,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  hkt: 480,
  sgt: 480,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
};

// [day-name,] day month year hour:minute[:second[.fraction]] [zone]; also "month day, year" as some feeds write it.
const RFC822 =
  /^(?:[a-z]{2,9}\.?(?:,\s*|\s+))?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2,4})(?:,?\s+|\s*T)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(.*)$/i;
const MONTH_FIRST =
  /^(?:[a-z]{2,9}\.?(?:,\s*|\s+))?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+|\s*T)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(.*)$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[a-z]{1,5})?$/i;

/** Minutes east of UTC for "+0000", "-04:00", "-4", "GMT+2", "EDT"…; null when not understood. Empty = UTC. */
function zoneOffset(raw: string): number | null {
  const z = raw.trim().replace(/^\((.*)\)$/, '$1');
  if (!z) return 0;
  const named = /^([a-z]{1,5})(?:\s*\(.*\))?$/i.exec(z);
  if (named) {
    const name = (named[1] as string).toLowerCase();
    if (name in ZONES) return ZONES[name] as number;
    return name.length === 1 && name !== 'j' ? 0 : null;
  }
  const m = /^(?:(?:gmt|utc)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?(?:\s*\(.*\))?$/i.exec(z);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  // Two-digit years: RFC 822's own form. 00-49 are this century, 50-99 the last.
  return n < 50 ? 2000 + n : 1900 + n;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offsetMin: number,
): number | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const t = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms);
  // Date.UTC rolls 31 Feb over into March: reject dates that do not exist.
  if (new Date(t).getUTCDate() !== day && hour < 24) return null;
  return t - offsetMin * 60_000;
}

/**
 * Epoch ms of a date as feeds write it, or null when it cannot be read. Understood: RFC 822/1123
 * with or without the day name, seconds, a four- or two-digit year, numeric offsets ("+0000",
 * "-04:00") or zone names (GMT, UT, Z, EST, EDT, PST…); ISO 8601 / RFC 3339 with or without
 * fractions and offsets. A time without a zone is taken as UTC.
 */
export function parseFeedDate(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const s = raw.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 80) return null;
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = ''] = iso;
    const off = zoneOffset(zone);
    if (off === null) return null;
    const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
    return build(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms, off);
  }
  const rfc = RFC822.exec(s);
  const mf = rfc ? null : MONTH_FIRST.exec(s);
  const parts = rfc
    ? { day: rfc[1], mon: rfc[2], year: rfc[3], rest: rfc.slice(4) }
    : mf
      ? { day: mf[2], mon: mf[1], year: mf[3], rest: mf.slice(4) }
      : null;
  if (!parts) return null;
  const month = MONTHS[(parts.mon as string).slice(0, 3).toLowerCase()];
  if (month === undefined) return null;
  const [h, mi, sec = '0', zone = ''] = parts.rest;
  const off = zoneOffset(zone);
  if (off === null) return null;
  return build(
    fullYear(parts.year as string),
    month,
    Number(parts.day),
    Number(h),
    Number(mi),
    Number(sec),
    0,
    off,
  );
}
