import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { isSecHost, parseFeedList } from './feed-list.js';
import { HostLimiter, SEC_SPACING_MS } from './host-limiter.js';
import { displayUrl, feedSourceName } from './source-names.js';

describe('NEWS_FEEDS', () => {
  it('reads URLs with optional intervals and names, and keeps commas inside URLs', () => {
    const { feeds, problems } = parseFeedList(
      'https://feeds.finance.yahoo.com/rss/2.0/headline?s=AAPL,MSFT&region=US|60, https://www.nasdaq.com/feed/rssoutbound?symbol=aapl\nhttps://www.cnbc.com/id/100003114/device/rss/rss.html|5m|CNBC Top News,https://x.test/a||Desk',
    );
    expect(problems).toEqual([]);
    expect(feeds).toEqual([
      {
        url: 'https://feeds.finance.yahoo.com/rss/2.0/headline?s=AAPL,MSFT&region=US',
        intervalSeconds: 60,
        name: null,
      },
      { url: 'https://www.nasdaq.com/feed/rssoutbound?symbol=aapl', intervalSeconds: null, name: null },
      {
        url: 'https://www.cnbc.com/id/100003114/device/rss/rss.html',
        intervalSeconds: 300,
        name: 'CNBC Top News',
      },
      { url: 'https://x.test/a', intervalSeconds: null, name: 'Desk' },
    ]);
  });

  it('lists every problem', () => {
    const { problems } = parseFeedList(
      'https://a.test/|0, https://b.test/|soon, https://u:p@c.test/, https://a.test/|0',
    );
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/interval.*\n.*interval.*\n.*credentials/);
    expect(parseFeedList('ftp://x.test/feed').problems[0]).toBe(
      'feed 1 (x.test): must be an http:// or https:// URL',
    );
    expect(parseFeedList('https://a.test/, https://a.test/').problems[0]).toBe(
      'feed 2 (a.test): listed twice',
    );
    // A feed's query may hold a key: it is never repeated in a message.
    try {
      loadConfig({ NEWS_FEEDS: 'https://a.test/rss?apikey=sekrit-123|soon' });
      expect.unreachable();
    } catch (err) {
      expect(String(err)).toMatch(/NEWS_FEEDS: feed 1 \(a\.test\): the interval/);
      expect(String(err)).not.toContain('sekrit-123');
    }
  });

  it('is checked at start: SEC feeds need a User-Agent with a contact, Alpaca news needs keys', () => {
    expect(() =>
      loadConfig({ NEWS_FEEDS: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&output=atom' }),
    ).toThrow(/NEWS_USER_AGENT: required when NEWS_FEEDS has an sec.gov feed/);
    expect(
      loadConfig({
        NEWS_FEEDS: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&output=atom|30',
        NEWS_USER_AGENT: 'Example Desk admin@example.com',
      }).NEWS_FEEDS,
    ).toHaveLength(1);
    expect(() => loadConfig({ NEWS_ALPACA: 'on' })).toThrow(
      /ALPACA_API_KEY_ID: required when NEWS_ALPACA=on/,
    );
    expect(() => loadConfig({ NEWS_FEEDS: 'not a url' })).toThrow(/NEWS_FEEDS/);
    expect(loadConfig({})).toMatchObject({
      NEWS_FEEDS: [],
      NEWS_POLL_SECONDS: 120,
      NEWS_ALLOW_PRIVATE: false,
      NEWS_MAX_AGE_HOURS: 24,
      NEWS_MERGE_MINUTES: 30,
      NEWS_ALPACA: false,
    });
  });
});

describe('feed names and hosts', () => {
  it('names the usual sites, else the host; a configured name wins', () => {
    expect(feedSourceName('https://feeds.finance.yahoo.com/rss/2.0/headline?s=msft', null)).toBe(
      'Yahoo Finance',
    );
    expect(feedSourceName('https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent', null)).toBe(
      'SEC EDGAR',
    );
    expect(feedSourceName('https://www.globenewswire.com/RssFeed/country/United%20States', null)).toBe(
      'GlobeNewswire',
    );
    expect(feedSourceName('https://www.prnewswire.com/rss/news-releases-list.rss', null)).toBe('PR Newswire');
    expect(feedSourceName('https://feed.businesswire.com/rss/home/?rss=G1', null)).toBe('Business Wire');
    expect(feedSourceName('https://news.example.org/rss', null)).toBe('news.example.org');
    expect(feedSourceName('https://news.example.org/rss', 'Desk wire')).toBe('Desk wire');
  });

  it('shows a feed URL without its query values', () => {
    expect(displayUrl('https://x.test/rss?apikey=secret&s=AAPL')).toBe('https://x.test/rss?apikey=…&s=…');
  });

  it('knows the SEC hosts', () => {
    expect(isSecHost('www.sec.gov')).toBe(true);
    expect(isSecHost('efts.sec.gov')).toBe(true);
    expect(isSecHost('notsec.gov')).toBe(false);
  });
});

describe('HostLimiter', () => {
  it('spaces SEC requests to at most ten a second, across SEC hosts', async () => {
    let now = 1_000;
    const limiter = new HostLimiter(() => now);
    const waits: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    // Record the waits instead of sleeping.
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      waits.push(ms);
      fn();
      return 0;
    }) as unknown as typeof setTimeout;
    try {
      for (const host of ['www.sec.gov', 'efts.sec.gov', 'www.sec.gov', 'feeds.test', 'feeds.test'])
        await limiter.take(host);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    expect(waits).toEqual([SEC_SPACING_MS, 2 * SEC_SPACING_MS, 250]);
    now += 10_000;
    expect(await limiter.take('www.sec.gov')).toBeUndefined();
  });
});
