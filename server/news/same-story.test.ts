import { describe, expect, it } from 'vitest';
import { canonicalUrl, headlineTokens, jaccard, sameHeadline } from './same-story.js';

describe('canonicalUrl', () => {
  it.each([
    [
      'https://finance.yahoo.com/news/trump-says-ban-china-owned-023554705.html?.tsrc=rss',
      'https://finance.yahoo.com/news/trump-says-ban-china-owned-023554705.html',
    ],
    [
      'http://WWW.GlobeNewswire.com/news-release/2021/02/20/2179136/0/en/Ebix.html#top',
      'https://globenewswire.com/news-release/2021/02/20/2179136/0/en/Ebix.html',
    ],
    ['https://x.test/a/?utm_source=rss&utm_medium=feed&id=7&b=2', 'https://x.test/a?b=2&id=7'],
    ['https://x.test:443/a?fbclid=1&gclid=2', 'https://x.test/a'],
    ['http://x.test:8080/', 'https://x.test:8080'],
    [
      'http://www.marketwatch.com/news/story.asp?guid=%7BFFD8EBC4%7D&siteid=rss&rss=1',
      'https://marketwatch.com/news/story.asp?guid=%7BFFD8EBC4%7D',
    ],
  ])('%s', (raw, expected) => {
    expect(canonicalUrl(raw)).toBe(expected);
  });

  it('is null for what is not an http(s) URL', () => {
    for (const bad of [null, undefined, '', 'not a url', 'ftp://x.test/a', 'javascript:alert(1)'])
      expect(canonicalUrl(bad)).toBeNull();
  });

  it('gives two links to the same page one form, and different pages different forms', () => {
    expect(canonicalUrl('https://x.test/story?id=1&utm_campaign=a')).toBe(
      canonicalUrl('http://www.x.test/story/?utm_source=b&id=1#comments'),
    );
    expect(canonicalUrl('https://x.test/story?id=1')).not.toBe(canonicalUrl('https://x.test/story?id=2'));
  });
});

describe('headline similarity', () => {
  it('compares words, not case, accents or punctuation', () => {
    expect(headlineTokens('Nestlé’s CEO: "Sales up 3%"')).toEqual(['nestles', 'ceo', 'sales', 'up', '3']);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
  });

  it('matches the same headline written by two wires', () => {
    expect(
      sameHeadline(
        'Ebix Shares Strong Business Outlook and Discusses Recent Events',
        'EBIX shares strong business outlook, discusses recent events',
      ),
    ).toBe(false); // "and" is missing: 8 of 9 words (0.89) is not enough
    expect(
      sameHeadline(
        'Ebix Shares Strong Business Outlook and Discusses Recent Events',
        'Ebix shares strong business outlook and discusses recent events.',
      ),
    ).toBe(true);
    expect(
      sameHeadline(
        'Granite Wins $90M Construction Manager/General Contractor Project In Northern California',
        'Granite wins $90M construction manager/general contractor project in Northern California - update',
      ),
    ).toBe(true);
  });

  it('does not match different stories that share words', () => {
    expect(sameHeadline('Apple raises its dividend by 4%', 'Apple cuts its dividend by 4%')).toBe(false);
    expect(sameHeadline('Tesla Q3 deliveries beat estimates', 'Tesla Q3 deliveries miss estimates')).toBe(
      false,
    );
  });

  it('needs equal headlines when they are short, and never matches generic two-word ones', () => {
    expect(sameHeadline('Is NVIDIA a Buy?', 'Is Nvidia a buy')).toBe(true);
    expect(sameHeadline('Is NVIDIA a Buy?', 'Is AMD a Buy?')).toBe(false);
    expect(sameHeadline('Stocks rally', 'Stocks rally')).toBe(false);
  });
});
