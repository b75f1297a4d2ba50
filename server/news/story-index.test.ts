import { describe, expect, it } from 'vitest';
import { type Article, newReaction } from '../../shared/index.js';
import { StoryIndex } from './story-index.js';

const MIN = 60_000;
const T0 = 1_700_000_000_000;

function story(seq: number, over: Partial<Article> & { primary?: string[] } = {}): Article {
  const { primary = [], ...rest } = over;
  return {
    id: `id-${seq}`,
    seq,
    headline: `Story ${seq}`,
    summary: null,
    body: null,
    source: 'Wire A',
    url: null,
    externalId: String(seq),
    publishedAt: T0,
    receivedAt: T0,
    tickers: primary.map((symbol) => ({
      symbol,
      name: null,
      evidence: 'provider' as const,
      primary: true,
      refPrice: null,
      reaction: newReaction('SPY'),
    })),
    tone: 0,
    alsoFrom: [],
    pushedAt: null,
    ...rest,
  };
}

const index = (headlineWindowMs = 30 * MIN) => new StoryIndex({ headlineWindowMs, threshold: 0.9 });
const headline = 'Ebix Shares Strong Business Outlook and Discusses Recent Events';

describe('StoryIndex', () => {
  it('finds the same page whenever it was seen, and says when the source already has it', () => {
    const i = index();
    i.add(story(1, { url: 'https://www.globenewswire.com/a?utm_source=rss' }));
    const c = {
      url: 'http://globenewswire.com/a#x',
      headline: 'Other words',
      publishedAt: T0 + 600 * MIN,
      primary: [],
    };
    expect(i.find({ ...c, source: 'Wire B' })).toEqual({ seq: 1, id: 'id-1', by: 'url', sameSource: false });
    expect(i.find({ ...c, source: 'Wire A' })?.sameSource).toBe(true);
    i.addSource(1, 'Wire B', 'https://wire-b.test/ebix');
    expect(i.find({ ...c, url: 'https://wire-b.test/ebix', source: 'Wire C' })?.seq).toBe(1);
  });

  it('finds a nearly identical headline from another source within the window only', () => {
    const i = index();
    i.add(story(1, { headline }));
    const c = { source: 'Wire B', url: null, headline: `${headline}.`, primary: [] as string[] };
    expect(i.find({ ...c, publishedAt: T0 + 29 * MIN })?.by).toBe('headline');
    expect(i.find({ ...c, publishedAt: T0 - 31 * MIN })).toBeNull();
    // One source writing a headline twice means two stories (EDGAR's "4 - Smith John (Reporting)").
    expect(i.find({ ...c, source: 'Wire A', publishedAt: T0 })).toBeNull();
    expect(
      i.find({
        ...c,
        headline: 'Ebix shares weak business outlook and discusses recent events',
        publishedAt: T0,
      }),
    ).toBeNull();
  });

  it('does not join stories about different companies, and prefers the closest match', () => {
    const i = index();
    i.add(
      story(1, {
        headline: 'Company raises full-year guidance after record quarter results',
        primary: ['AAA'],
      }),
    );
    const c = {
      source: 'Wire B',
      url: null,
      headline: 'Company raises full-year guidance after record quarter results',
      publishedAt: T0,
    };
    expect(i.find({ ...c, primary: ['BBB'] })).toBeNull();
    expect(i.find({ ...c, primary: ['AAA', 'CCC'] })?.seq).toBe(1);
    expect(i.find({ ...c, primary: [] })?.seq).toBe(1);
  });

  it('forgets what it received long ago', () => {
    const i = index();
    i.add(story(1, { url: 'https://x.test/1', headline }));
    i.add(story(2, { url: 'https://x.test/2', receivedAt: T0 + 60 * MIN }));
    i.prune(T0 + 1);
    expect(i.size).toBe(1);
    expect(
      i.find({ source: 'B', url: 'https://x.test/1', headline, publishedAt: T0, primary: [] }),
    ).toBeNull();
    expect(
      i.find({ source: 'B', url: 'https://x.test/2', headline: 'x', publishedAt: T0, primary: [] })?.seq,
    ).toBe(2);
  });

  it('matches a headline against the stories other sources carry, once each, until they are pruned', () => {
    const i = index();
    // Thousands from one busy source, then the same headline from it and from another.
    for (let seq = 1; seq <= 3_000; seq++) i.add(story(seq, { headline, receivedAt: T0 + seq }));
    const c = { url: null, headline, publishedAt: T0 + MIN, primary: [] as string[] };
    expect(i.find({ ...c, source: 'Wire A' })).toBeNull();
    // The newest of the best matches.
    expect(i.find({ ...c, source: 'Wire B' })).toEqual({
      seq: 3_000,
      id: 'id-3000',
      by: 'headline',
      sameSource: false,
    });
    // A story Wire B also carries is no longer its candidate; Wire C still finds it.
    i.add(story(3_001, { headline: `${headline} today`, source: 'Wire D', receivedAt: T0 + 5_000 }));
    i.addSource(3_001, 'Wire B', null);
    const other = { ...c, headline: `${headline} today` };
    expect(i.find({ ...other, source: 'Wire B' })?.seq).toBe(3_000);
    expect(i.find({ ...other, source: 'Wire C' })?.seq).toBe(3_001);
    // Pruned: gone from every source's list.
    i.prune(T0 + 3_001);
    expect(i.size).toBe(1);
    expect(i.find({ ...c, source: 'Wire C' })?.seq).toBe(3_001);
    i.prune(T0 + 10_000);
    expect(i.size).toBe(0);
    expect(i.find({ ...other, source: 'Wire C' })).toBeNull();
  });
});
