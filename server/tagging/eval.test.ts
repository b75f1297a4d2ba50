import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, loadEvalCases, ratio } from '../../tests/tagging/evaluate.js';
import { SymbolDirectory } from './directory.js';
import { Tagger } from './tagger.js';

describe('tagging evaluation set (tests/tagging/cases, also: npm run eval:tagging)', () => {
  const cases = loadEvalCases();
  const report = evaluate(new Tagger(SymbolDirectory.fromFiles()), cases);

  it('has at least 200 labelled stories covering every rule', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const rule of [
      'cashtag',
      'exchange',
      'ric',
      'paren',
      'phrase',
      'name',
      'non-us',
      'provider',
      'common-word',
      'all-caps',
      'ordinary-word',
      'primary',
    ])
      expect(
        cases.some((c) => c.rule === rule),
        rule,
      ).toBe(true);
  });

  it('keeps precision at or above 0.97 and recall at or above 0.95', () => {
    const detail = formatReport(report);
    expect(ratio(report.precision), detail).toBeGreaterThanOrEqual(0.97);
    expect(ratio(report.recall), detail).toBeGreaterThanOrEqual(0.95);
  });

  it('tells primary from mentioned on at least 90% of the tagged tickers', () => {
    expect(ratio(report.primary), report.wrongPrimary.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
