import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureText } from '../../../tests/support/fixtures.js';
import { projectRoot } from '../../version.js';
import { parseFeedDate } from './dates.js';
import { FeedParseError, parseFeed } from './parse-feed.js';

const rss = (name: string) => parseFeed(fixtureText(`rss/${name}`));
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('parseFeed against every recorded feed', () => {
  const files = readdirSync(join(projectRoot(), 'tests', 'fixtures', 'rss')).filter(
    (f) => f.endsWith('.xml') && !f.includes('synthetic'),
  );

  it.each(files)('%s: every item has a title, an id, a link and a date', (file) => {
    const feed = rss(file);
    expect(feed.items.length).toBeGreaterThan(0);
    expect(feed.skipped).toEqual([]);
    for (const item of feed.items) {
      expect(item.title).not.toMatch(/[<>]|&\w+;/);
      expect(item.id).not.toBe('');
      expect(item.link).toMatch(/^https?:\/\//);
      expect(item.publishedAt).toBeGreaterThan(Date.UTC(2020, 0, 1));
      expect(item.badDate).toBe(false);
      expect(item.summary).not.toMatch(/<(?!KODK\.N>)[a-z!/]/i);
    }
  });

  it.each([
    [
      'nasdaq_rssoutbound_symbol_aapl_2020-08-26',
      'nasdaq_rssoutbound_symbol_aapl_2020-08-26_reconstructed.xml',
    ],
    ['cnbc_top_news_100003114_2020-07-20', 'cnbc_top_news_100003114_2020-07-20_reconstructed.xml'],
    ['marketwatch_topstories_2020-08-04', 'marketwatch_topstories_2020-08-04_reconstructed.xml'],
  ])('%s: the fields match the parsed capture', (capture, file) => {
    const expected = JSON.parse(fixtureText(`rss/${capture}_parsed.json`)) as {
      title: string;
      link: string;
      guid: string;
      pubDate: string;
      tickers?: string;
    }[];
    const feed = rss(file);
    expect(
      feed.items.map((i) => ({
        title: i.title,
        link: i.link,
        id: i.id,
        at: i.publishedAt,
        tickers: i.tickers,
      })),
    ).toEqual(
      expected.map((e) => ({
        title: e.title,
        link: new URL(e.link).href,
        id: e.guid,
        at: parseFeedDate(e.pubDate),
        tickers: e.tickers ? [...new Set(e.tickers.split(','))] : [],
      })),
    );
  });

  it('reads a Yahoo headline feed (RSS 2.0, no channel title, .tsrc links)', () => {
    const feed = rss('yahoo_headline_msft_2020-08-01.xml');
    expect(feed.format).toBe('rss');
    expect(feed.items[1]).toMatchObject({
      id: '719429c8-0b4f-3880-b287-c6d4b2ae0241',
      title: 'Is NVIDIA a Buy?',
      link: 'https://finance.yahoo.com/m/719429c8-0b4f-3880-b287-c6d4b2ae0241/is-nvidia-a-buy%3F.html?.tsrc=rss',
      summary:
        'This chip company is experiencing tremendous momentum, but the high valuation should give investors pause.',
      tickers: [],
    });
    expect(iso(feed.items[1]?.publishedAt ?? null)).toBe('2020-08-01T14:48:00.000Z');
  });

  it('reduces the HTML of an MRSS description to text and keeps the Reuters code', () => {
    const [item] = rss('yahoo_topstories_mrss_2020-08-01.xml').items;
    expect(item?.title).toBe(
      "Exclusive: Eastman Kodak top executive got Trump deal windfall on an 'understanding'",
    );
    expect(item?.summary).toMatch(/^Eastman Kodak Co <KODK\.N> on Monday granted its executive chairman/);
    expect(item?.summary).not.toContain('img');
    expect(iso(item?.publishedAt ?? null)).toBe('2020-08-01T21:30:14.000Z');
  });

  it('takes GlobeNewswire stock categories of US venues as tickers, and dates without seconds', () => {
    const feed = rss('globenewswire_us_2021-02-20_reconstructed.xml');
    expect(feed.items.map((i) => i.tickers)).toEqual([[], ['EBIX'], ['ACCR']]);
    expect(feed.items[1]?.summary).toMatch(
      /^JOHNS CREEK, Ga\., Feb\. 19, 2021 \(GLOBE NEWSWIRE\) -- Ebix, Inc\./,
    );
    expect(iso(feed.items[0]?.publishedAt ?? null)).toBe('2021-02-20T02:44:00.000Z');
    expect(feed.items[2]?.title).toBe(
      'Access-Power & Co., Inc. is pleased to announce the Company has hired Ben Borgers as its PCAOB/CPA Auditor',
    );
  });

  it('names the company of an EDGAR company feed and keeps its CIK', () => {
    const feed = rss('sec_edgar_getcompany_AAPL_atom_2021-04-18.xml');
    expect(feed.format).toBe('atom');
    expect(feed.items).toHaveLength(5);
    expect(feed.items[0]).toMatchObject({
      id: 'urn:tag:sec.gov,2008:accession-number=0001193125-21-054710',
      title: 'Apple Inc.: 8-K - Current report',
      link: 'https://www.sec.gov/Archives/edgar/data/320193/000119312521054710/0001193125-21-054710-index.htm',
      summary:
        'Filed: 2021-02-24 AccNo: 0001193125-21-054710 Size: 314 KB\nItem 5.07: Submission of Matters to a Vote of Security Holders',
      ciks: [320193],
    });
    expect(iso(feed.items[0]?.publishedAt ?? null)).toBe('2021-02-24T21:31:21.000Z');
  });

  it('folds the filers of one EDGAR filing into one story under its issuer', () => {
    const feed = rss('sec_edgar_getcurrent_atom_2021-04-18.xml');
    expect(feed.items.map((i) => [i.title, i.ciks])).toEqual([
      ['3/A - Coinbase Global, Inc. (Issuer)', [1679788]],
      ['3 - Barings Capital Investment Corp (Issuer)', [1811972]],
      ['3 - Invesat LLC (Reporting)', []],
    ]);
  });
});

describe('parseFeed with broken input', () => {
  it('skips malformed items, says why, and keeps the good one (with its unreadable date flagged)', () => {
    const feed = rss('malformed_items_synthetic.xml');
    expect(feed.skipped.map((s) => s.reason)).toEqual(['no-title', 'no-id']);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      id: 'good-1',
      summary: 'Synthetic Widgets said on Tuesday it opened a plant.',
      publishedAt: null,
      badDate: true,
    });
  });

  it('refuses what is not a feed or not XML', () => {
    expect(() => parseFeed('<html><body>Service unavailable</body></html>')).toThrow(FeedParseError);
    expect(() => parseFeed('{"items":[]}')).toThrow(/not well-formed|not an RSS/);
    expect(() => parseFeed('<rss><channel><item><title>cut off')).toThrow(/not well-formed/);
    expect(() => parseFeed('')).toThrow(FeedParseError);
  });

  it('does not expand entities declared by the document (billion laughs)', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${'&a;'.repeat(10)}">`),
      ']>',
      `<rss><channel><title>x</title><item><title>&${'b'.repeat(9)};</title><guid>1</guid></item></channel></rss>`,
    ].join('\n');
    let length = 0;
    try {
      length = JSON.stringify(parseFeed(lol)).length;
    } catch (err) {
      expect(err).toBeInstanceOf(Error);
    }
    expect(length).toBeLessThan(10_000);
  });

  it('does not let element names reach the object prototype', () => {
    const feed = parseFeed(
      '<rss><channel><item><title>t</title><guid>g</guid><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor></item></channel></rss>',
    );
    expect(feed.items).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads RSS 1.0 (RDF) and Atom with relative links and xhtml titles', () => {
    const rdf = parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="http://127.0.0.1/"><title>R</title></channel>
        <item rdf:about="http://127.0.0.1/a"><title>RDF story</title><link>http://127.0.0.1/a</link><dc:date>2024-03-01T10:00:00+01:00</dc:date></item>
      </rdf:RDF>`,
    );
    expect(rdf.items[0]).toMatchObject({ id: 'http://127.0.0.1/a', publishedAt: Date.UTC(2024, 2, 1, 9) });
    const atom = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">A &amp;amp; B</title>
        <entry><id>tag:x,2024:1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt; move</title><link href="/news/1"/>
        <published>2024-03-01T10:00:00.250Z</published><summary type="html">&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</summary></entry>
      </feed>`,
      'http://127.0.0.1:8080/feed.atom',
    );
    expect(atom.title).toBe('A & B');
    expect(atom.items[0]).toMatchObject({
      title: 'Bold move',
      link: 'http://127.0.0.1:8080/news/1',
      summary: 'One\n\nTwo',
      publishedAt: Date.UTC(2024, 2, 1, 10, 0, 0, 250),
    });
  });
});
