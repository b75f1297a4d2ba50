import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article, ArticlePage, ArticleUpdate, HealthResponse } from '../../shared/index.js';
import { collectArticles, connect, disconnectAll, getJson, waitUntil } from '../support/client.js';
import { FakeFeedServer, rssDocument, rssItem } from '../support/fakes/feed-server.js';
import { fixtureText } from '../support/fixtures.js';
import { metric } from '../support/market.js';
import { type StartOptions, startServer, type TestServer } from '../support/server.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let fake: FakeFeedServer | undefined;
let server: TestServer | undefined;

afterEach(async () => {
  disconnectAll();
  await server?.close();
  await fake?.close();
  server = undefined;
  fake = undefined;
});

/** Starts the fake feed server with these paths, and the real server polling them (feeds: "path|seconds|name"). */
async function start(routes: Record<string, string>, feeds: string[], opts: StartOptions = {}) {
  fake = await FakeFeedServer.start();
  for (const [path, body] of Object.entries(routes)) fake.set(path, body);
  server = await startServer({
    ...opts,
    env: {
      STORE: 'memory',
      NEWS_FEEDS: feeds.map((f) => fake?.url(f)).join(', '),
      NEWS_ALLOW_PRIVATE: 'on',
      NEWS_MAX_AGE_HOURS: '0',
      NEWS_USER_AGENT: 'Tickerwire tests ops@example.com',
      ...opts.env,
    },
  });
  return { fake, server };
}

const articles = async (s: TestServer) =>
  (await getJson<ArticlePage>(`${s.url}/api/articles?limit=100`)).body.articles;
const health = async (s: TestServer) => (await getJson<HealthResponse>(`${s.url}/api/health`)).body;

describe('news feeds (NEWS_FEEDS)', () => {
  it('polls a feed and its stories reach REST and the socket, with the feed’s fields and tags', async () => {
    fake = await FakeFeedServer.start();
    fake.set('/nasdaq', fixtureText('rss/nasdaq_rssoutbound_symbol_aapl_2020-08-26_reconstructed.xml'));
    server = await startServer({
      newsFirstDelayMs: 400,
      env: {
        STORE: 'memory',
        NEWS_FEEDS: `${fake.url('/nasdaq')}|1|Nasdaq`,
        NEWS_ALLOW_PRIVATE: 'on',
        NEWS_MAX_AGE_HOURS: '0',
        NEWS_USER_AGENT: 'Tickerwire tests ops@example.com',
      },
    });
    const s = server;
    const client = await connect(s.url);
    const pushed = collectArticles(client);
    await waitUntil(() => pushed.length === 4, 'four stories pushed', 8_000);
    const stored = await articles(s);
    expect(stored.map((a) => a.headline)).toEqual([
      'Dow Shake-Up Explained',
      'Splits, Shorts, and Refinances: What Investors Need to Know',
      'Facebook Claims an Apple iPhone Update Will Damage Ad Sales',
      'GLOBAL MARKETS-Shares scale record peak on upbeat results, dollar eases',
    ]);
    // Oldest first: the seq order follows publication.
    expect(pushed.map((a) => a.headline)).toEqual([...stored.map((a) => a.headline)].reverse());
    const dow = stored[0] as Article;
    expect(dow).toMatchObject({
      source: 'Nasdaq',
      url: 'https://www.nasdaq.com/articles/dow-shake-up-explained-2020-08-26',
      externalId: 'https://www.nasdaq.com/articles/dow-shake-up-explained-2020-08-26?time=1598479141',
      publishedAt: Date.parse('2020-08-26T21:49:00Z'),
      alsoFrom: [],
    });
    expect(dow.summary).toMatch(/^In this episode of MarketFoolery/);
    // nasdaq:tickers are provider tags, merged with what the text says.
    expect(dow.tickers.map((t) => t.symbol)).toEqual(
      expect.arrayContaining(['HD', 'AAPL', 'DIS', 'PFE', 'CRM']),
    );
    expect(dow.tickers.find((t) => t.symbol === 'CRM')?.evidence).toBe('provider');
    expect(dow.receivedAt).toBeGreaterThan(dow.publishedAt);
    expect(dow.pushedAt).toBeGreaterThanOrEqual(dow.receivedAt);
    expect(pushed.find((a) => a.id === dow.id)?.pushedAt).toBe(dow.pushedAt);
    expect(fake.requestsFor('/nasdaq')[0]?.headers['user-agent']).toBe('Tickerwire tests ops@example.com');
    const news = (await health(s)).news;
    expect(news).toMatchObject([
      { name: 'Nasdaq AAPL'.replace(' AAPL', ''), kind: 'feed', ok: true, stories: 4 },
    ]);
    expect(
      await metric(s.url, 'tickerwire_story_delay_seconds_count', {
        source: 'Nasdaq',
        stage: 'received_to_pushed',
      }),
    ).toBe(4);
  });

  it('asks again with the validators (304: nothing new), and takes in only the new item of a changed feed', async () => {
    const xml = fixtureText('rss/cnbc_top_news_100003114_2020-07-20_reconstructed.xml');
    const { fake, server } = await start({ '/cnbc': xml }, ['/cnbc|1']);
    await fake.waitFor(() => fake.requestsFor('/cnbc').some((r) => r.status === 304), 'a 304');
    const [first, second] = fake.requestsFor('/cnbc');
    expect(first?.headers['if-none-match']).toBeUndefined();
    expect(second?.headers['if-none-match']).toMatch(/^"[0-9a-f]+"$/);
    expect(second?.headers['if-modified-since']).toMatch(/GMT$/);
    expect((await articles(server)).length).toBe(3);
    expect(
      await metric(server.url, 'tickerwire_news_feed_fetches_total', { result: 'not_modified' }),
    ).toBeGreaterThan(0);

    const fresh = rssItem({
      title: 'Synthetic Motors (NYSE: SYNM) recalls 10,000 vans',
      guid: 'synthetic-cnbc-1',
      link: 'https://www.cnbc.com/2020/07/21/synthetic-motors-recall.html',
    });
    fake.set('/cnbc', xml.replace('<item>', `${fresh}\n<item>`));
    let list: Article[] = [];
    await waitUntil(
      () => list.length === 4,
      'the new item',
      8_000,
      async () => {
        list = await articles(server);
      },
    );
    expect(list[0]?.headline).toBe('Synthetic Motors (NYSE: SYNM) recalls 10,000 vans');
    // Polled again after the change: still four.
    const polls = fake.requestsFor('/cnbc').length;
    await fake.waitFor(() => fake.requestsFor('/cnbc').length > polls + 1, 'two more polls');
    expect((await articles(server)).length).toBe(4);
    expect(await metric(server.url, 'tickerwire_articles_ingested_total', { result: 'created' })).toBe(4);
  });

  it('shows a story carried by two feeds once, with the first source and “+1 source” (by URL and by headline)', async () => {
    const gnw = fixtureText('rss/globenewswire_us_2021-02-20_reconstructed.xml');
    const { fake, server } = await start({ '/gnw': gnw, '/wire-b': rssDocument('Wire B', []) }, [
      '/gnw|1|GlobeNewswire',
      '/wire-b|1|Wire B',
    ]);
    const client = await connect(server.url);
    const updates: ArticleUpdate[] = [];
    client.on('article:updated', (u) => updates.push(u));
    let list: Article[] = [];
    await waitUntil(
      () => list.length === 3,
      'the first feed’s stories',
      8_000,
      async () => {
        list = await articles(server);
      },
    );
    // The second wire carries two of them: one with the same page (tracking added), one with the same headline.
    fake.set(
      '/wire-b',
      rssDocument('Wire B', [
        rssItem({
          title: 'Ebix shares strong business outlook and discusses recent events',
          guid: 'b-ebix',
          link: 'https://www.globenewswire.com/news-release/2021/02/20/2179136/0/en/Ebix-Shares-Strong-Business-Outlook-and-Discusses-Recent-Events.html?utm_source=wire-b',
          date: 'Sat, 20 Feb 2021 00:06:10 GMT',
        }),
        rssItem({
          title:
            'Access-Power & Co., Inc. is pleased to announce the Company has hired Ben Borgers as its PCAOB/CPA auditor',
          guid: 'b-accr',
          link: 'https://wire-b.example/accr-auditor',
          date: 'Fri, 19 Feb 2021 23:01:00 GMT',
        }),
        rssItem({
          title: 'A story only Wire B has about widgets',
          guid: 'b-only',
          date: 'Fri, 19 Feb 2021 23:05:00 GMT',
        }),
      ]),
    );
    await waitUntil(() => updates.length === 2, 'two article:updated', 8_000);
    list = await articles(server);
    expect(list).toHaveLength(4);
    const ebix = list.find((a) => a.headline.startsWith('Ebix')) as Article;
    expect(ebix.source).toBe('GlobeNewswire');
    expect(ebix.publishedAt).toBe(Date.parse('2021-02-20T00:05:00Z'));
    expect(ebix.alsoFrom).toMatchObject([
      { source: 'Wire B', externalId: 'b-ebix', publishedAt: Date.parse('2021-02-20T00:06:10Z') },
    ]);
    const accr = list.find((a) => a.headline.startsWith('Access-Power')) as Article;
    expect(accr.alsoFrom?.map((s) => s.url)).toEqual(['https://wire-b.example/accr-auditor']);
    expect(updates.find((u) => u.id === ebix.id)?.alsoFrom).toEqual(ebix.alsoFrom);
    expect(await metric(server.url, 'tickerwire_articles_ingested_total', { result: 'merged' })).toBe(2);
    // Polled again: still attached once.
    const polls = fake.requestsFor('/wire-b').length;
    await fake.waitFor(() => fake.requestsFor('/wire-b').length > polls + 1, 'two more polls');
    expect((await articles(server)).find((a) => a.id === ebix.id)?.alsoFrom).toHaveLength(1);
  });

  it('takes nothing in twice across a restart: known items stay known, an attached source stays attached', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tw-feeds-'));
    try {
      fake = await FakeFeedServer.start();
      const f = fake;
      f.set('/gnw', fixtureText('rss/globenewswire_us_2021-02-20_reconstructed.xml'));
      f.set('/wire-b', rssDocument('Wire B', []));
      const env = {
        NEWS_FEEDS: `${f.url('/gnw')}|1|GlobeNewswire, ${f.url('/wire-b')}|1|Wire B`,
        NEWS_ALLOW_PRIVATE: 'on',
        NEWS_MAX_AGE_HOURS: '0',
      };
      server = await startServer({ dataDir, env });
      const first = server;
      let list: Article[] = [];
      const poll = async () => {
        list = await articles(first);
      };
      await waitUntil(() => list.length === 3, 'the stories', 8_000, poll);
      f.set(
        '/wire-b',
        rssDocument('Wire B', [
          rssItem({
            title: 'Ebix shares strong business outlook and discusses recent events',
            guid: 'b-ebix',
            link: 'https://www.globenewswire.com/news-release/2021/02/20/2179136/0/en/Ebix-Shares-Strong-Business-Outlook-and-Discusses-Recent-Events.html',
          }),
        ]),
      );
      await waitUntil(() => list.some((a) => a.alsoFrom?.length === 1), 'the attached source', 8_000, poll);
      await first.close();

      server = await startServer({ dataDir, env });
      const second = server;
      const polls = f.requests.length;
      // Each feed polled twice after the restart: the first (a full GET) was taken in completely.
      const since = () => f.requests.slice(polls);
      await f.waitFor(
        () => ['/gnw', '/wire-b'].every((p) => since().filter((r) => r.path === p).length >= 2),
        'two polls of each feed after the restart',
      );
      expect(since().find((r) => r.path === '/wire-b')?.status).toBe(200);
      const after = await articles(second);
      expect(after).toHaveLength(3);
      expect(after.flatMap((a) => a.alsoFrom ?? []).map((s) => s.externalId)).toEqual(['b-ebix']);
      expect(await metric(second.url, 'tickerwire_articles_ingested_total', { result: 'created' })).toBe(0);
    } finally {
      await server?.close();
      server = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('tags SEC filings with their company’s ticker (CIK) and folds one filing’s filers into one story', async () => {
    const { fake, server } = await start(
      {
        '/edgar/aapl': fixtureText('rss/sec_edgar_getcompany_AAPL_atom_2021-04-18.xml'),
        '/edgar/current': fixtureText('rss/sec_edgar_getcurrent_atom_2021-04-18.xml'),
      },
      ['/edgar/aapl|1|SEC EDGAR', '/edgar/current|1|SEC EDGAR'],
    );
    let list: Article[] = [];
    await waitUntil(
      () => list.length === 8,
      'five Apple filings and three current ones',
      8_000,
      async () => {
        list = await articles(server);
      },
    );
    const apple = list.filter((a) => a.headline.startsWith('Apple Inc.:'));
    expect(apple).toHaveLength(5);
    for (const a of apple) {
      expect(a.source).toBe('SEC EDGAR');
      expect(a.tickers[0]).toMatchObject({ symbol: 'AAPL', primary: true });
    }
    const coinbase = list.find((a) => a.headline === '3/A - Coinbase Global, Inc. (Issuer)');
    expect(coinbase?.tickers.map((t) => [t.symbol, t.evidence])).toContainEqual(['COIN', 'provider']);
    expect(coinbase?.externalId).toBe('urn:tag:sec.gov,2008:accession-number=0001209191-21-027150');
    expect(fake.requests.every((r) => r.headers['user-agent'] === 'Tickerwire tests ops@example.com')).toBe(
      true,
    );
  });

  it('keeps polling the good feed next to a broken one, and says which one is broken', async () => {
    const { fake, server } = await start(
      {
        '/good': fixtureText('rss/yahoo_headline_msft_2020-08-01.xml'),
        '/html': '<html><body><h1>Service unavailable</h1></body></html>',
        '/cut': fixtureText('rss/cnbc_top_news_100003114_2020-07-20_reconstructed.xml').slice(0, 900),
      },
      ['/html|1|Broken HTML', '/good|1|Good', '/cut|1|Cut short', '/missing|1|Missing'],
    );
    let list: Article[] = [];
    await waitUntil(
      () => list.length === 2,
      'the good feed’s stories',
      8_000,
      async () => {
        list = await articles(server);
      },
    );
    await fake.waitFor(() => fake.requestsFor('/missing').length >= 2, 'the missing feed retried');
    const fetches = (feed: string, result: string) =>
      metric(server.url, 'tickerwire_news_feed_fetches_total', { feed, result });
    expect(await fetches('Broken HTML', 'bad_feed')).toBeGreaterThan(0);
    expect(await fetches('Cut short', 'bad_feed')).toBeGreaterThan(0);
    expect(await fetches('Missing', 'http_404')).toBeGreaterThan(0);
    const news = Object.fromEntries((await health(server)).news.map((n) => [n.name, n]));
    expect(news.Good).toMatchObject({ ok: true, lastError: null, stories: 2 });
    expect(news['Broken HTML']).toMatchObject({ ok: false, lastSuccessAt: null });
    expect(news['Broken HTML']?.lastError).toMatch(/not an RSS or Atom feed/);
    expect(news.Missing?.lastError).toBe('HTTP 404');
    expect(await metric(server.url, 'tickerwire_news_source_up', { source: 'Good' })).toBe(1);
    expect(await metric(server.url, 'tickerwire_news_source_up', { source: 'Missing' })).toBe(0);
  });

  it('skips malformed items, counts them, and takes in the good one', async () => {
    const { server } = await start({ '/items': fixtureText('rss/malformed_items_synthetic.xml') }, [
      '/items|1|Items',
    ]);
    let list: Article[] = [];
    await waitUntil(
      () => list.length === 1,
      'the good item',
      8_000,
      async () => {
        list = await articles(server);
      },
    );
    expect(list[0]).toMatchObject({
      headline: 'Synthetic Widgets (NASDAQ: WDGT) opens a plant in Ohio',
      summary: 'Synthetic Widgets said on Tuesday it opened a plant.',
    });
    const bad = (reason: string) =>
      metric(server.url, 'tickerwire_news_bad_items_total', { source: 'Items', reason });
    expect([await bad('no-title'), await bad('no-id'), await bad('bad_date')]).toEqual([1, 1, 1]);
  });

  it('refuses a feed on a private address unless NEWS_ALLOW_PRIVATE is on', async () => {
    const { fake, server } = await start({ '/feed': rssDocument('x', []) }, ['/feed|1|Local'], {
      env: { NEWS_ALLOW_PRIVATE: 'off' },
    });
    await sleep(1_500);
    expect(fake.requests).toHaveLength(0);
    expect(
      await metric(server.url, 'tickerwire_news_feed_fetches_total', { feed: 'Local', result: 'refused' }),
    ).toBeGreaterThan(0);
    const [status] = (await health(server)).news;
    expect(status?.lastError).toMatch(/private, loopback or link-local.*NEWS_ALLOW_PRIVATE=on/);
  });
});
