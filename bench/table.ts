import { type Spread, spread } from './stats.js';

/** A number for a table: fixed digits, or 'n/a' when it is not a finite figure. */
export function fmt(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** "median (min–max)" */
export function fmtSpread(s: Spread, digits = 2): string {
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

/** Median (min–max) of a figure picked from each repeat. */
export function over<T>(repeats: readonly T[], pick: (r: T) => number, digits = 2): string {
  return repeats.length ? fmtSpread(spread(repeats.map(pick)), digits) : 'n/a';
}

/** Prints a titled table with aligned columns (first column left, the rest right). */
export function printTable(title: string, header: string[], rows: string[][], notes: string[] = []): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  for (const n of notes) console.log(`  ${n}`);
}
