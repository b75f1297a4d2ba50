import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SymbolDirectory } from '../../server/tagging/directory.js';
import { Tagger } from '../../server/tagging/tagger.js';
import type { Article, ArticlePage } from '../../shared/index.js';
import {
  collectArticles,
  command,
  connect,
  disconnectAll,
  getJson,
  makeArticle,
  postArticle,
  waitUntil,
} from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
const tagger = new Tagger(SymbolDirectory.fromFiles());

beforeAll(async () => {
  server = await startServer();
});
afterEach(() => disconnectAll());
afterAll(async () => {
  await server?.close();
});

const post = async (over: Parameters<typeof makeArticle>[0]) => {
  const res = await postArticle(server.url, server.token, makeArticle(over));
  expect(res.status).toBe(201);
  return res.body as Article;
};
const withoutPrices = (a: Article) => a.tickers.map(({ refPrice: _, reaction: __, ...t }) => t);

describe('POST /api/articles tags stories with the same rules', () => {
  it("stores the tagger's answer merged with the provider's tags", async () => {
    const input = {
      headline: 'Nvidia-backed CoreWeave signs $14 billion deal with Meta',
      summary:
        'CoreWeave (Nasdaq: CRWV) will supply capacity to Meta Platforms. Rival Oracle also bid, analysts said.',
      tickers: ['NVDA', 'MSFT', 'brk-b'],
    };
    const article = await post(input);
    const expected = tagger.tag({
      headline: input.headline,
      summary: input.summary,
      providerTickers: input.tickers,
    });
    expect(withoutPrices(article)).toEqual(expected);
    expect(article.tickers.map((t) => [t.symbol, t.evidence, t.primary])).toEqual([
      ['CRWV', 'exchange', true],
      ['META', 'name', true],
      ['NVDA', 'provider', false],
      ['ORCL', 'name', false],
      ['MSFT', 'provider', false],
      ['BRK.B', 'provider', false],
    ]);
    expect(article.tickers.every((t) => t.refPrice !== null && t.refPrice > 0)).toBe(true);
    // read back (reactions move on with the prices; the tags do not)
    expect(withoutPrices((await getJson<Article>(`${server.url}/api/articles/${article.id}`)).body)).toEqual(
      expected,
    );
  });

  it('puts no false tags on an all-caps headline or ordinary words', async () => {
    const caps = await post({
      headline: "FED'S POWELL SAYS IT IS TOO EARLY TO DECLARE VICTORY ON INFLATION",
    });
    expect(caps.tickers).toEqual([]);
    const words = await post({
      headline: 'Analysts raise price target as delta hedging swings the Nasdaq Composite',
      summary: 'A meta-analysis of apple orchards found the cost of net income reporting is ALL IT takes.',
    });
    expect(words.tickers).toEqual([]);
  });

  it('maps foreign listings to the US line and keeps the others unpriced', async () => {
    const a = await post({
      headline: 'Alibaba (9988.HK) and Samsung Electronics (005930.KS) expand AI cloud pact',
    });
    expect(a.tickers).toEqual([
      {
        symbol: 'BABA',
        name: 'Alibaba',
        evidence: 'listing',
        primary: true,
        refPrice: expect.any(Number),
        reaction: expect.objectContaining({ benchmark: 'SPY', final: false }),
        listing: '9988.HK',
      },
      {
        symbol: '005930.KS',
        name: 'Samsung Electronics',
        evidence: 'listing',
        primary: true,
        refPrice: null,
        // no US-dollar price to react: nothing is tracked
        reaction: expect.objectContaining({ final: true, move: null }),
        market: 'non-us',
      },
    ]);
  });
});

describe('primary only', () => {
  let aboutAmd: Article;
  let mentionsAmd: Article;
  beforeAll(async () => {
    mentionsAmd = await post({
      headline: 'Nvidia raises its data-center outlook',
      summary: 'Nvidia said demand kept running ahead of supply. Advanced Micro Devices fell 2% in sympathy.',
    });
    aboutAmd = await post({ headline: 'AMD unveils MI450 accelerator for cloud AI clusters' });
  });

  it('filters over REST with primaryOnly=true', async () => {
    expect(mentionsAmd.tickers.find((t) => t.symbol === 'AMD')?.primary).toBe(false);
    const all = await getJson<ArticlePage>(`${server.url}/api/articles?tickers=AMD&limit=10`);
    expect(all.body.articles.map((a) => a.id)).toEqual([aboutAmd.id, mentionsAmd.id]);
    const primary = await getJson<ArticlePage>(
      `${server.url}/api/articles?tickers=AMD&primaryOnly=true&limit=10`,
    );
    expect(primary.body.articles.map((a) => a.id)).toEqual([aboutAmd.id]);
    expect((await getJson(`${server.url}/api/articles?tickers=AMD&primaryOnly=maybe`)).status).toBe(400);
  });

  it('filters live pushes and the replay after a reconnect over the socket', async () => {
    const primaryOnly = await connect(server.url);
    const everyMention = await connect(server.url);
    expect(
      await command(primaryOnly, 'feed:subscribe', { tickers: ['amd'], primaryOnly: true }),
    ).toMatchObject({
      ok: true,
      data: { tickers: ['AMD'], primaryOnly: true },
    });
    expect(await command(everyMention, 'feed:subscribe', { tickers: ['AMD'] })).toMatchObject({
      ok: true,
      data: { tickers: ['AMD'], primaryOnly: false },
    });
    const gotPrimary = collectArticles(primaryOnly);
    const gotAll = collectArticles(everyMention);
    const mention = await post({
      headline: 'Microsoft designs its own chips',
      summary: 'Microsoft said the part would compete with AMD and Nvidia.',
    });
    const about = await post({ headline: 'AMD wins OpenAI supply deal' });
    await waitUntil(
      () => gotAll.length === 2 && gotPrimary.length === 1,
      'both subscribers to get their stories',
    );
    expect(gotAll.map((a) => a.id)).toEqual([mention.id, about.id]);
    expect(gotPrimary.map((a) => a.id)).toEqual([about.id]);

    // A client that comes back with primaryOnly in its handshake is replayed only the stories about AMD.
    const replayed: Article[] = [];
    await connect(server.url, { tickers: ['AMD'], primaryOnly: true, lastSeq: mentionsAmd.seq - 1 }, (s) =>
      s.on('article:published', (a) => replayed.push(a)),
    );
    await waitUntil(() => replayed.length >= 2, 'the filtered replay');
    expect(replayed.map((a) => a.id)).toEqual([aboutAmd.id, about.id]);
  });
});
