import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, ArticlePage, PriceHistory } from '../../shared/index.js';
import { getJson, makeArticle, postArticle } from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const latestSeq = async () =>
  (await getJson<ArticlePage>(`${server.url}/api/articles?limit=1`)).body.latestSeq;

describe('POST /api/articles', () => {
  it('stores a story, tags its tickers, prices them and answers 201 with the stored story', async () => {
    const before = await latestSeq();
    const res = await postArticle(
      server.url,
      server.token,
      makeArticle({
        headline: 'Alibaba lifts AI spending past its $53 billion plan',
        summary:
          'Alibaba Group (NYSE: BABA) will spend more on AI; Nvidia and Meta are named as partners and rivals.',
        publishedAt: new Date(Date.now() - 1000).toISOString(),
      }),
    );
    expect(res.status).toBe(201);
    const a = res.body as Article;
    expect(a.id).toEqual(expect.any(String));
    expect(a.seq).toBe(before + 1);
    expect(a.tickers.map((t) => t.symbol)).toEqual(['BABA', 'NVDA', 'META']);
    expect(a.tickers[0]).toMatchObject({ symbol: 'BABA', primary: true, evidence: 'exchange' });
    expect(a.tickers[0]?.refPrice).toBeGreaterThan(0);
    const stored = await getJson<Article>(`${server.url}/api/articles/${a.id}`);
    expect(stored.status).toBe(200);
    // Reactions are live: a trade between the answer and the read moves them. The rest is as answered.
    const settled = (x: Article) => ({ ...x, tickers: x.tickers.map(({ reaction: _r, ...t }) => t) });
    expect(settled(stored.body)).toEqual(settled(a));
    expect(stored.body.tickers[0]?.reaction.refTime).toBe(a.tickers[0]?.reaction.refTime);
  });

  it('keeps provider tags, in canonical form', async () => {
    const res = await postArticle(
      server.url,
      server.token,
      makeArticle({ headline: 'Board meets', tickers: ['brk-b', 'AAPL'] }),
    );
    expect(res.status).toBe(201);
    expect(res.body.tickers?.map((t) => t.symbol)).toEqual(['BRK.B', 'AAPL']);
  });

  it('answers 200 with the same story when (source, externalId) is posted again', async () => {
    const body = makeArticle({ headline: 'Tesla recalls 10,000 vehicles', externalId: 'retry-1' });
    const first = await postArticle(server.url, server.token, body);
    const seqAfterFirst = await latestSeq();
    const again = await postArticle(server.url, server.token, {
      ...body,
      headline: 'Tesla recalls 10,000 vehicles (updated)',
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await latestSeq()).toBe(seqAfterFirst);
    // Another source with the same story is not a second story: it is listed on the first one.
    const other = await postArticle(server.url, server.token, { ...body, source: 'other-wire' });
    expect(other.status).toBe(200);
    expect(other.body.id).toBe(first.body.id);
    expect(other.body.alsoFrom).toMatchObject([{ source: 'other-wire', externalId: 'retry-1' }]);
    const different = await postArticle(server.url, server.token, {
      ...body,
      source: 'other-wire',
      externalId: 'retry-2',
      headline: 'Ford recalls 20,000 trucks',
    });
    expect(different.status).toBe(201);
  });

  it('treats a story without externalId as the same story when its content is the same', async () => {
    const body = { headline: 'Costco (COST) opens 12 new warehouses', source: 'no-id-wire' };
    const first = await postArticle(server.url, server.token, body);
    const again = await postArticle(server.url, server.token, body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
  });

  it('rejects bad bodies with 400 and a list of what is wrong, storing nothing', async () => {
    const before = await latestSeq();
    const cases: [unknown, string[]][] = [
      [{ source: 'x' }, ['headline']],
      [{ headline: '', source: 'x' }, ['headline']],
      [{ headline: 'ok' }, ['source']],
      [{ headline: 'ok', source: 'x', publishedAt: 'yesterday' }, ['publishedAt']],
      [{ headline: 'ok', source: 'x', publishedAt: Date.now() + 3_600_000 }, ['publishedAt']],
      [{ headline: 'ok', source: 'x', tickers: ['NOT A TICKER!'] }, ['tickers.0']],
      [{ headline: 'ok', source: 'x', url: 'javascript:alert(1)' }, ['url']],
      [{ headline: 'ok', source: 'x', extra: 1 }, ['extra']],
      [{ headline: 42, source: ['x'] }, ['headline', 'source']],
      [[1, 2], ['(body)']],
      ['{"headline": "broken json', ['(body)']],
    ];
    for (const [body, paths] of cases) {
      const res = await postArticle(server.url, server.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = res.body.error as { code: string; issues: { path: string; message: string }[] };
      expect(err.code).toBe('BAD_REQUEST');
      expect(err.issues.map((i) => i.path).sort()).toEqual([...paths].sort());
      for (const i of err.issues) expect(i.message.length).toBeGreaterThan(0);
    }
    expect(await latestSeq()).toBe(before);
  });

  it('rejects a missing or wrong token with 401, storing nothing', async () => {
    const before = await latestSeq();
    const body = makeArticle({ headline: 'Should never be stored' });
    expect((await postArticle(server.url, null, body)).status).toBe(401);
    expect((await postArticle(server.url, 'wrong-token-wrong-token', body)).status).toBe(401);
    const res = await fetch(`${server.url}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${server.token}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await latestSeq()).toBe(before);
    const list = await getJson<ArticlePage>(`${server.url}/api/articles?limit=500`);
    expect(list.body.articles.some((a) => a.headline === 'Should never be stored')).toBe(false);
  });
});

describe('GET /api/articles', () => {
  it('lists newest first, filters by ticker and pages with beforeSeq', async () => {
    for (const sym of ['NVDA', 'AAPL', 'NVDA', 'MSFT', 'NVDA']) {
      await postArticle(
        server.url,
        server.token,
        makeArticle({ headline: `Update on ${sym}`, tickers: [sym] }),
      );
    }
    const all = await getJson<ArticlePage>(`${server.url}/api/articles?limit=500`);
    const seqs = all.body.articles.map((a) => a.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.body.latestSeq).toBe(seqs[0]);
    const nvda = await getJson<ArticlePage>(`${server.url}/api/articles?tickers=nvda&limit=2`);
    expect(nvda.body.articles).toHaveLength(2);
    expect(nvda.body.articles.every((a) => a.tickers.some((t) => t.symbol === 'NVDA'))).toBe(true);
    expect(nvda.body.nextBeforeSeq).toBe(nvda.body.articles[1]?.seq);
    const older = await getJson<ArticlePage>(
      `${server.url}/api/articles?tickers=NVDA&limit=50&beforeSeq=${nvda.body.nextBeforeSeq}`,
    );
    expect(older.body.articles.length).toBeGreaterThanOrEqual(1);
    expect(older.body.articles.every((a) => a.seq < (nvda.body.nextBeforeSeq ?? 0))).toBe(true);
  });

  it('answers 400 for a bad query and 404 for an unknown id', async () => {
    expect((await getJson(`${server.url}/api/articles?limit=0`)).status).toBe(400);
    expect((await getJson(`${server.url}/api/articles?tickers=$$$`)).status).toBe(400);
    expect((await getJson(`${server.url}/api/articles/nope`)).status).toBe(404);
  });
});

describe('prices and health', () => {
  it('serves a price history window for a ticker, small enough for a chart', async () => {
    const to = Date.now();
    const res = await getJson<PriceHistory>(
      `${server.url}/api/tickers/SPY/history?from=${to - 600_000}&to=${to}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.symbol).toBe('SPY');
    expect(res.body.points.length).toBeGreaterThan(100);
    expect(res.body.points.length).toBeLessThanOrEqual(1_500);
    const ts = res.body.points.map((p) => p.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    const day = await getJson<PriceHistory>(
      `${server.url}/api/tickers/SPY/history?from=${to - 86_400_000}&to=${to}`,
    );
    expect(day.body.points.length).toBeLessThanOrEqual(1_500);
    expect((await getJson(`${server.url}/api/tickers/SPY/history?from=abc`)).status).toBe(400);
  });

  it('reports health', async () => {
    const res = await getJson<{ status: string; store: string; tickSource: string }>(
      `${server.url}/api/health`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', store: 'sqlite', tickSource: 'mock' });
    const csp = (await fetch(`${server.url}/api/health`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toContain('tickerwire_articles_ingested_total');
  });
});
