import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.js';
import type { Article, ArticleTicker, MoversPage, ReactionUpdate } from '../../shared/index.js';
import { connect, disconnectAll, getJson, makeArticle, postArticle, waitUntil } from '../support/client.js';
import { ScriptedTickSource } from '../support/scripted-ticks.js';
import { startServer } from '../support/server.js';

const S = 1000;
// A controlled clock a little in the past, so stories may be published "now" on it.
const T0 = Math.floor((Date.now() - 30 * 60_000) / 1000) * 1000;
const dataDir = mkdtempSync(join(tmpdir(), 'tw-reactions-'));
afterAll(() => {
  disconnectAll();
  rmSync(dataDir, { recursive: true, force: true });
});

const aapl = (a: { tickers: ArticleTicker[] }) => a.tickers.find((t) => t.symbol === 'AAPL') as ArticleTicker;

describe('reactions through the real server', () => {
  it('computes exact reactions from known ticks, pushes them, serves them and keeps them across a restart', async () => {
    const clock = new ManualClock(T0 - 10 * S);
    const ticks = new ScriptedTickSource();
    const server = await startServer({ clock, tickSource: ticks, dataDir });
    let id = '';
    try {
      ticks.push('AAPL', 100, T0 - 5 * S);
      ticks.push('SPY', 500, T0 - 3 * S);
      const updates: ReactionUpdate[] = [];
      await connect(server.url, { tickers: ['AAPL'] }, (s) =>
        s.on('reactions:updated', (u) => updates.push(...u.articles)),
      );

      clock.set(T0);
      const res = await postArticle(
        server.url,
        server.token,
        makeArticle({ headline: 'Apple lifts buyback', tickers: ['AAPL'], publishedAt: T0 }),
      );
      expect(res.status).toBe(201);
      const posted = res.body as Article;
      id = posted.id;
      expect(aapl(posted).refPrice).toBe(100);
      expect(aapl(posted).reaction).toMatchObject({
        benchmark: 'SPY',
        refTime: T0 - 5 * S,
        benchmarkRef: 500,
        refAfter: false,
      });
      expect(ticks.watched.has('AAPL') && ticks.watched.has('SPY')).toBe(true);

      ticks.push('AAPL', 103, T0 + 30 * S);
      ticks.push('SPY', 505, T0 + 40 * S);
      ticks.push('AAPL', 106, T0 + 61 * S);
      clock.set(T0 + 62 * S);
      await server.app.reactions.sweep();

      const expected = {
        move: 6,
        abnormal: 5,
        maxUp: 6,
        maxDown: 0,
        horizons: { '1m': { move: 3, abnormal: 2 } },
      };
      await waitUntil(
        () => updates.some((u) => u.id === id && aapl(u).reaction.horizons['1m'] !== undefined),
        'the pushed 1m horizon',
      );
      expect(aapl(updates.filter((u) => u.id === id).at(-1) as ReactionUpdate).reaction).toMatchObject(
        expected,
      );
      const served = await getJson<Article>(`${server.url}/api/articles/${id}`);
      expect(aapl(served.body).reaction).toMatchObject(expected);

      const movers = await getJson<MoversPage>(`${server.url}/api/movers?window=1h`);
      expect(movers.body.movers[0]).toMatchObject({ symbol: 'AAPL', move: 6, abnormal: 5 });
      expect(movers.body.movers[0]?.article.id).toBe(id);
      expect((await getJson(`${server.url}/api/movers?window=2y`)).status).toBe(400);
    } finally {
      disconnectAll();
      await server.close();
    }

    // Down for a while; on restart the 5 min horizon (passed while down) is filled in from stored prices.
    clock.set(T0 + 400 * S);
    const ticks2 = new ScriptedTickSource();
    const again = await startServer({ clock, tickSource: ticks2, dataDir });
    try {
      await again.app.reactions.sweep();
      const after = await getJson<Article>(`${again.url}/api/articles/${id}`);
      expect(aapl(after.body).reaction).toMatchObject({
        move: 6,
        abnormal: 5,
        maxUp: 6,
        horizons: { '1m': { move: 3, abnormal: 2 }, '5m': { move: 6, abnormal: 5 } },
      });
    } finally {
      await again.close();
    }
  });
});
