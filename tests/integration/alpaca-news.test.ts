import { afterEach, describe, expect, it } from 'vitest';
import type { Article, ArticlePage, HealthResponse } from '../../shared/index.js';
import { collectArticles, connect, disconnectAll, getJson, waitUntil } from '../support/client.js';
import { ALPACA_NEWS_FRAMES, FakeAlpacaNews } from '../support/fakes/alpaca-news.js';
import { FakeFeedServer, rssDocument, rssItem } from '../support/fakes/feed-server.js';
import { memoryLogger, metric } from '../support/market.js';
import { type StartOptions, startServer, type TestServer } from '../support/server.js';

const KEY_ID = 'PKTEST0000000000NEWS';
const SECRET = 'alpaca-news-secret-77c1';
let fake: FakeAlpacaNews | undefined;
let feeds: FakeFeedServer | undefined;
let server: TestServer | undefined;

afterEach(async () => {
  disconnectAll();
  await server?.close();
  await fake?.close();
  await feeds?.close();
  server = undefined;
  fake = undefined;
  feeds = undefined;
});

async function start(opts: Omit<StartOptions, 'env'> & { env?: Record<string, string> } = {}) {
  fake = await FakeAlpacaNews.start({ keyId: KEY_ID, secret: SECRET });
  server = await startServer({
    ...opts,
    env: {
      STORE: 'memory',
      NEWS_ALPACA: 'on',
      ALPACA_API_KEY_ID: KEY_ID,
      ALPACA_API_SECRET_KEY: SECRET,
      ALPACA_NEWS_WS_URL: fake.url,
      TICK_SILENCE_MS: '10000',
      TICK_RECONNECT_MIN_MS: '50',
      TICK_RECONNECT_MAX_MS: '200',
      ...opts.env,
    },
  });
  return { fake, server };
}

const articles = async (s: TestServer) =>
  (await getJson<ArticlePage>(`${s.url}/api/articles?limit=100`)).body.articles;
const newsStatus = async (s: TestServer) =>
  (await getJson<HealthResponse>(`${s.url}/api/health`)).body.news[0];

describe('Alpaca news stream (NEWS_ALPACA=on)', () => {
  it('authenticates, subscribes to every story, and the recorded stories reach REST and the socket', async () => {
    const { fake, server } = await start();
    await fake.server.waitFor(() => fake.subscribed(1), 'subscribed');
    expect(fake.actions(1)).toEqual([
      { action: 'auth', key: KEY_ID, secret: SECRET },
      { action: 'subscribe', news: ['*'] },
    ]);
    const client = await connect(server.url);
    const pushed = collectArticles(client);
    for (const frame of ALPACA_NEWS_FRAMES.stories) fake.send(frame);
    await waitUntil(() => pushed.length === 2, 'two stories pushed');
    const [corsair, granite] = await articles(server);
    expect(granite).toMatchObject({
      headline: 'Granite Wins $90M Construction Manager/General Contractor Project In Northern California',
      source: 'Benzinga',
      externalId: '24919710',
      url: 'https://www.benzinga.com/news/22/01/24919710/granite-wins-90m-construction-managergeneral-contractor-project-in-northern-california',
      publishedAt: Date.parse('2022-01-05T22:30:29Z'),
    });
    expect(granite?.tickers[0]).toMatchObject({ symbol: 'GVA', primary: true });
    // The HTML content becomes text (the ticker link's markup is gone).
    expect(corsair?.body ?? corsair?.summary).not.toMatch(/<a |class=/);
    expect(corsair?.tickers.map((t) => t.symbol)).toContain('CRSR');
    expect(pushed.map((a) => a.externalId)).toEqual(['24919710', '24918784']);
    expect(await newsStatus(server)).toMatchObject({
      name: 'Alpaca news',
      kind: 'stream',
      ok: true,
      stories: 2,
    });
    // The same story again (a resend) is not a second story.
    fake.send(ALPACA_NEWS_FRAMES.stories[0] as string);
    await new Promise((r) => setTimeout(r, 200));
    expect(await articles(server)).toHaveLength(2);
  });

  it('reports refused keys (402) without showing them, and retries slowly', async () => {
    const { logger, lines } = memoryLogger();
    const { fake, server } = await start({ env: { ALPACA_API_SECRET_KEY: 'not-the-news-secret-9' }, logger });
    await waitUntil(() => lines.some((l) => l.includes('keys were refused')), 'the refusal logged');
    const status = await newsStatus(server);
    expect(status).toMatchObject({ ok: false });
    expect(status?.lastError).toMatch(/402 auth failed.*ALPACA_API_KEY_ID/);
    await new Promise((r) => setTimeout(r, 800));
    expect(fake.server.connections).toBe(1);
    expect(await metric(server.url, 'tickerwire_news_stream_errors_total', { code: '402' })).toBe(1);
    const text = `${lines.join('\n')}${JSON.stringify(status)}`;
    expect(text).not.toContain('not-the-news-secret-9');
    expect(text).not.toContain(KEY_ID);
  });

  it('reconnects after a drop, authenticates and subscribes again, and stories flow again', async () => {
    const { fake, server } = await start();
    await fake.server.waitFor(() => fake.subscribed(1), 'subscribed');
    fake.server.dropAll();
    await fake.server.waitFor(() => fake.server.connections === 2 && fake.subscribed(2), 'resubscribed');
    expect(fake.actions(2)).toEqual([
      { action: 'auth', key: KEY_ID, secret: SECRET },
      { action: 'subscribe', news: ['*'] },
    ]);
    fake.story({
      id: 91,
      headline: 'Synthetic Widgets (NASDAQ: WDGT) wins a contract after the reconnect',
      symbols: ['MSFT'],
    });
    let list: Article[] = [];
    await waitUntil(
      () => list.length === 1,
      'the story after the reconnect',
      5_000,
      async () => {
        list = await articles(server);
      },
    );
    expect(await metric(server.url, 'tickerwire_news_stream_reconnects_total', { reason: 'closed' })).toBe(1);
  });

  it('pings a quiet stream and replaces it when the pongs stop', async () => {
    const { fake, server } = await start({ env: { TICK_SILENCE_MS: '600' } });
    await fake.server.waitFor(() => fake.subscribed(1), 'subscribed');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.server.connections).toBe(1);
    fake.server.silenceAll();
    await fake.server.waitFor(
      () => fake.server.connections === 2 && fake.subscribed(2),
      'a new subscribed connection',
    );
    expect(await metric(server.url, 'tickerwire_news_stream_reconnects_total', { reason: 'silence' })).toBe(
      1,
    );
  });

  it('counts and skips garbage frames and bad stories, and keeps going', async () => {
    const { fake, server } = await start();
    await fake.server.waitFor(() => fake.subscribed(1), 'subscribed');
    fake.send('}{');
    fake.send('{"T":"n"}');
    fake.send(Buffer.from([1, 2, 3]) as unknown as string);
    fake.send(
      '[{"T":"n","id":"x","headline":"no id"},{"T":"n","id":5,"headline":"","created_at":"2022-01-05T22:30:29Z"}]',
    );
    fake.story({ id: 77, headline: 'Synthetic Widgets (NASDAQ: WDGT) opens a plant in Ohio' });
    let list: Article[] = [];
    await waitUntil(
      () => list.length === 1,
      'the good story after the garbage',
      5_000,
      async () => {
        list = await articles(server);
      },
    );
    const bad = (reason: string) =>
      metric(server.url, 'tickerwire_news_bad_items_total', { source: 'Alpaca news', reason });
    expect([await bad('json'), await bad('schema'), await bad('binary')]).toEqual([1, 3, 1]);
    expect(fake.server.connections).toBe(1);
  });

  it('shows a story that a feed brought first once, with Benzinga as “+1 source”', async () => {
    feeds = await FakeFeedServer.start();
    const created = Date.now() - 60_000;
    feeds.set(
      '/wire',
      rssDocument('Wire', [
        rssItem({
          title: 'Synthetic Widgets (NASDAQ: WDGT) raises its full-year outlook after record orders',
          guid: 'wire-1',
          link: 'https://wire.example/widgets-outlook',
          date: new Date(created).toUTCString(),
        }),
      ]),
    );
    const { fake, server } = await start({
      env: {
        NEWS_FEEDS: `${feeds.url('/wire')}|1|Wire`,
        NEWS_ALLOW_PRIVATE: 'on',
      },
    });
    let list: Article[] = [];
    await waitUntil(
      () => list.length === 1,
      'the feed’s story',
      8_000,
      async () => {
        list = await articles(server);
      },
    );
    await fake.server.waitFor(() => fake.subscribed(1), 'subscribed');
    const client = await connect(server.url);
    const updated: string[] = [];
    client.on('article:updated', (u) => updated.push(u.id));
    fake.story({
      id: 4242,
      headline: 'Synthetic Widgets (NASDAQ: WDGT) raises its full-year outlook after record orders',
      createdAt: created + 5_000,
    });
    await waitUntil(() => updated.length === 1, 'article:updated');
    list = await articles(server);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ source: 'Wire', alsoFrom: [{ source: 'Benzinga', externalId: '4242' }] });
    expect(updated).toEqual([list[0]?.id]);
  });
});
