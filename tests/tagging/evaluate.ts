import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tagger } from '../../server/tagging/tagger.js';
import { EVIDENCE, type Evidence } from '../../shared/index.js';

/** One labelled story of the evaluation set. */
export interface EvalCase {
  id: string;
  /** The rule of the tagging issue the case exercises. */
  rule: string;
  headline: string;
  summary?: string;
  body?: string;
  provider?: string[];
  /** Tickers that must be tagged, each with the evidence it should be found by. */
  must: Record<string, Evidence>;
  /** Tickers that may be tagged without counting as false. */
  may?: string[];
  /** Of the must tickers, those the story is about; the others must be mentions. */
  primary?: string[];
}

export interface Rate {
  hit: number;
  total: number;
}

export interface EvalReport {
  cases: number;
  precision: Rate;
  recall: Rate;
  /** Precision by the evidence the tagger reported; recall by the evidence the case expects. */
  byEvidence: Record<string, { precision: Rate; recall: Rate }>;
  byRule: Record<string, { precision: Rate; recall: Rate }>;
  /** Of the must tickers found, how many have the expected primary flag. */
  primary: Rate;
  falsePositives: string[];
  misses: string[];
  wrongPrimary: string[];
}

const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'cases');

/** The labelled cases, read from tests/tagging/cases/*.json. */
export function loadEvalCases(): EvalCase[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => (JSON.parse(readFileSync(join(CASES_DIR, f), 'utf8')) as { cases: EvalCase[] }).cases);
}

const rate = (): Rate => ({ hit: 0, total: 0 });
export const ratio = (r: Rate): number => (r.total === 0 ? 1 : r.hit / r.total);

/** Runs the tagger over every case and counts precision, recall and primary accuracy. */
export function evaluate(tagger: Tagger, cases: EvalCase[] = loadEvalCases()): EvalReport {
  const report: EvalReport = {
    cases: cases.length,
    precision: rate(),
    recall: rate(),
    byEvidence: Object.fromEntries(EVIDENCE.map((e) => [e, { precision: rate(), recall: rate() }])),
    byRule: {},
    primary: rate(),
    falsePositives: [],
    misses: [],
    wrongPrimary: [],
  };
  for (const c of cases) {
    const tags = tagger.tag({
      headline: c.headline,
      summary: c.summary,
      body: c.body,
      providerTickers: c.provider,
    });
    const rule = report.byRule[c.rule] ?? { precision: rate(), recall: rate() };
    report.byRule[c.rule] = rule;
    const allowed = new Set([...Object.keys(c.must), ...(c.may ?? [])]);
    for (const t of tags) {
      const ok = allowed.has(t.symbol);
      for (const r of [report.precision, report.byEvidence[t.evidence]?.precision, rule.precision]) {
        if (!r) continue;
        r.total++;
        if (ok) r.hit++;
      }
      if (!ok) report.falsePositives.push(`${c.id}: ${t.symbol} (${t.evidence})`);
    }
    for (const [symbol, evidence] of Object.entries(c.must)) {
      const tag = tags.find((t) => t.symbol === symbol);
      for (const r of [report.recall, report.byEvidence[evidence]?.recall, rule.recall]) {
        if (!r) continue;
        r.total++;
        if (tag) r.hit++;
      }
      if (!tag) {
        report.misses.push(`${c.id}: ${symbol} (${evidence})`);
        continue;
      }
      if (c.primary) {
        const want = c.primary.includes(symbol);
        report.primary.total++;
        if (tag.primary === want) report.primary.hit++;
        else report.wrongPrimary.push(`${c.id}: ${symbol} should be ${want ? 'primary' : 'a mention'}`);
      }
    }
  }
  return report;
}

const pct = (r: Rate) => `${(ratio(r) * 100).toFixed(1).padStart(5)}% (${r.hit}/${r.total})`;

/** The report as a table for the terminal. */
export function formatReport(r: EvalReport): string {
  const lines = [
    `Tagging evaluation: ${r.cases} labelled stories`,
    '',
    `overall    precision ${pct(r.precision)}   recall ${pct(r.recall)}`,
    `primary    correct   ${pct(r.primary)}`,
    '',
    'by evidence (precision: tags reported with it; recall: tickers expected by it)',
  ];
  for (const [e, v] of Object.entries(r.byEvidence)) {
    if (v.precision.total + v.recall.total === 0) continue;
    lines.push(`  ${e.padEnd(9)} precision ${pct(v.precision)}   recall ${pct(v.recall)}`);
  }
  lines.push('', 'by rule');
  for (const [rule, v] of Object.entries(r.byRule)) {
    lines.push(`  ${rule.padEnd(14)} precision ${pct(v.precision)}   recall ${pct(v.recall)}`);
  }
  const list = (title: string, items: string[]) =>
    items.length ? ['', `${title} (${items.length}):`, ...items.map((i) => `  ${i}`)] : [];
  return [
    ...lines,
    ...list('false tags', r.falsePositives),
    ...list('missed', r.misses),
    ...list('wrong primary', r.wrongPrimary),
  ].join('\n');
}
