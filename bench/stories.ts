import type { ArticleInput } from '../shared/index.js';

const TEMPLATES: { headline: string; summary: string }[] = [
  {
    headline: 'Nvidia (NASDAQ: NVDA) raises its data-center outlook',
    summary: 'Nvidia said demand from Microsoft and Meta keeps running ahead of supply.',
  },
  {
    headline: 'Alibaba (NYSE: BABA) lifts AI spending past its $53 billion plan',
    summary: 'The company also unveiled a new model and said cloud revenue grew faster than expected.',
  },
  {
    headline: '$AAPL Apple trims iPhone build plans for the quarter',
    summary: 'Suppliers were told to cut orders; Apple declined to comment on the report.',
  },
  {
    headline: 'Tesla (TSLA) recalls vehicles over a software fault',
    summary: 'The recall covers cars built since last year; a fix will be delivered over the air.',
  },
];

/** A story for POST /api/articles with tickers to tag; `runId` and `n` make its externalId unique. */
export function makeStory(runId: string, n: number): ArticleInput {
  const t = TEMPLATES[n % TEMPLATES.length] ?? { headline: 'Bench story', summary: '' };
  return {
    headline: t.headline,
    summary: t.summary,
    source: 'bench-wire',
    externalId: `bench-${runId}-${n}`,
  };
}
