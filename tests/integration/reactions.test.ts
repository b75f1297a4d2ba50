import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock.js';
import type {
  Article,
  ArticleTicker,
  LiveReactionUpdate,
  MoversPage,
  ReactionsUpdated,
  ReactionUpdate,
} from '../../shared/index.js';
import {
  command,
  connect,
  disconnectAll,
  getJson,
  makeArticle,
  postArticle,
  type TestSocket,
  waitUntil,
} from '../support/client.js';
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

  it('sends each client one frame per sweep with only its stories, and only visible changes', async () => {
    const clock = new ManualClock(T0 - 10 * S);
    const ticks = new ScriptedTickSource();
    // Live values every sweep for the newest stories (none by default: pages move them from ticks).
    const server = await startServer({ clock, tickSource: ticks, env: { REACTION_LIVE_STORIES: '60' } });
    try {
      // Sweeps run only when the test says: the k-th is the one where the stories with seq k (mod 10) are due.
      await server.app.reactions.stop();
      for (const [s, p] of [
        ['AAPL', 100],
        ['MSFT', 200],
        ['NVDA', 300],
        ['SPY', 500],
      ] as const)
        ticks.push(s, p, T0 - 5 * S);
      const frames = new Map<string, ReactionsUpdated[]>();
      const sockets: TestSocket[] = [];
      const client = async (name: string, tickers: string[], primaryOnly = false): Promise<TestSocket> => {
        const list: ReactionsUpdated[] = [];
        frames.set(name, list);
        const s = await connect(server.url, {}, (sock) => sock.on('reactions:updated', (f) => list.push(f)));
        expect((await command(s, 'feed:subscribe', { tickers, primaryOnly })).ok).toBe(true);
        sockets.push(s);
        return s;
      };
      // A command's ack comes after every frame the server sent before it.
      const settled = async () => {
        for (const s of sockets) await command(s, 'ticks:subscribe', { symbols: [] });
      };
      await client('all', []);
      await client('aapl', ['AAPL']);
      await client('msft-primary', ['MSFT'], true);
      await client('nvda', ['NVDA']);

      clock.set(T0);
      const post = async (headline: string, tickers: string[]) =>
        (await postArticle(server.url, server.token, makeArticle({ headline, tickers, publishedAt: T0 })))
          .body as Article;
      const apple = await post('Apple lifts buyback', ['AAPL']);
      const both = await post('Microsoft and Apple sign a cloud deal', ['MSFT', 'AAPL']);
      const appleFirst = await post('Apple raises its dividend', ['AAPL', 'MSFT']);
      const nvidia = await post('Nvidia ships a chip', ['NVDA']);

      // Every story moves visibly in one turn: whichever sweep runs next carries all of them.
      ticks.push('AAPL', 101, T0 + 2 * S);
      ticks.push('MSFT', 202, T0 + 2 * S);
      ticks.push('NVDA', 303, T0 + 2 * S);
      clock.set(T0 + 3 * S);
      await server.app.reactions.sweep();
      const ids = (name: string) =>
        (frames.get(name) ?? []).map((f) => [...f.articles, ...(f.live ?? [])].map((a) => a.id).sort());
      await waitUntil(
        () => ['all', 'aapl', 'msft-primary', 'nvda'].every((n) => ids(n).length > 0),
        'frames',
      );
      expect(ids('all')[0]).toEqual([apple.id, both.id, appleFirst.id, nvidia.id].sort());
      expect(ids('aapl')[0]).toEqual([apple.id, both.id, appleFirst.id].sort());
      const msftPrimary = [apple, both, appleFirst, nvidia].filter((a) =>
        a.tickers.some((t) => t.symbol === 'MSFT' && t.primary),
      );
      expect(msftPrimary.length).toBeGreaterThan(0);
      // ...and one mentions Microsoft without being about it: the primary-only client must not get it.
      expect(appleFirst.tickers.find((t) => t.symbol === 'MSFT')?.primary).toBe(false);
      expect(ids('msft-primary')[0]).toEqual(msftPrimary.map((a) => a.id).sort());
      expect(ids('nvda')[0]).toEqual([nvidia.id]);

      // Sweeps 2 to 4: each story's values are due once (the one pushed at sweep 1 was already due then).
      for (const [k, story] of [
        [2, both],
        [3, appleFirst],
        [4, nvidia],
      ] as const) {
        expect(story.seq % 10).toBe(k);
        const before = frames.get('all')?.length ?? 0;
        await server.app.reactions.sweep();
        await settled();
        expect(
          frames
            .get('all')
            ?.slice(before)
            .flatMap((f) => (f.live ?? []).map((u) => u.id)),
        ).toEqual([story.id]);
      }
      // Apple moves by less than the screen shows (+1.004%), Nvidia visibly: only Nvidia's story is sent.
      const seen = new Map([...frames].map(([n, l]) => [n, l.length]));
      ticks.push('AAPL', 101.004, T0 + 4 * S);
      ticks.push('NVDA', 310, T0 + 4 * S);
      clock.set(T0 + 5 * S);
      await server.app.reactions.sweep();
      await waitUntil(() => ids('nvda').length > (seen.get('nvda') ?? 0), 'the Nvidia frame');
      await waitUntil(() => ids('all').length > (seen.get('all') ?? 0), 'the Nvidia frame (all)');
      expect(ids('all').at(-1)).toEqual([nvidia.id]);
      expect(ids('nvda').at(-1)).toEqual([nvidia.id]);
      // A plain live change comes compact: [symbol, move, abnormal, maxUp, maxDown, last, lastTime].
      const nvFrame = frames.get('nvda')?.at(-1);
      expect(nvFrame?.articles).toEqual([]);
      expect(nvFrame?.live?.[0]?.t).toEqual([['NVDA', 3.33, 3.33, 3.33, 0, 310, T0 + 4 * S]]);
      // The Apple clients got nothing: their frames (if any) came before these ticks.
      const sinceSeen = (name: string) =>
        ids(name)
          .slice(seen.get(name) ?? 0)
          .flat();
      expect(sinceSeen('aapl')).toEqual([]);
      expect(sinceSeen('msft-primary')).toEqual([]);
    } finally {
      disconnectAll();
      await server.close();
    }
  });

  it("sends live values compact for a filter's newest stories each sweep, every story's once in 10 sweeps, milestones in full at once", async () => {
    const clock = new ManualClock(T0 - 10 * S);
    const ticks = new ScriptedTickSource();
    const server = await startServer({ clock, tickSource: ticks, env: { REACTION_LIVE_STORIES: '2' } });
    try {
      // Sweeps run only when the test says (each one's frames are then known).
      await server.app.reactions.stop();
      ticks.push('AAPL', 100, T0 - 5 * S);
      ticks.push('MSFT', 200, T0 - 5 * S);
      ticks.push('SPY', 500, T0 - 5 * S);
      const frames = new Map<string, ReactionsUpdated[]>();
      const sockets = new Map<string, TestSocket>();
      for (const [name, tickers] of [
        ['all', []],
        ['msft', ['MSFT']],
      ] as const) {
        const list: ReactionsUpdated[] = [];
        frames.set(name, list);
        const s = await connect(server.url, {}, (sock) => sock.on('reactions:updated', (f) => list.push(f)));
        expect((await command(s, 'feed:subscribe', { tickers: [...tickers] })).ok).toBe(true);
        sockets.set(name, s);
      }
      // A command's ack comes after every frame the server sent before it.
      const settled = async () => {
        for (const s of sockets.values()) await command(s, 'ticks:subscribe', { symbols: [] });
      };

      clock.set(T0);
      const post = async (headline: string, tickers: string[]) =>
        (await postArticle(server.url, server.token, makeArticle({ headline, tickers, publishedAt: T0 })))
          .body as Article;
      const msft = await post('Microsoft wins a contract', ['MSFT']);
      const apple: Article[] = [];
      for (let i = 1; i <= 4; i++) apple.push(await post(`Apple story ${i}`, ['AAPL']));
      const [, , a3, a4] = apple;
      clock.set(T0 + S);
      await server.app.reactions.sweep(); // the first sweep: nothing moved, nothing to send
      await settled();
      expect(frames.get('all')).toEqual([]);

      const liveIds = (f: ReactionsUpdated | undefined) => (f?.live ?? []).map((u) => u.id).sort();
      const last = (name: string) => frames.get(name)?.at(-1);
      for (let i = 2; i <= 11; i++) {
        // Both move visibly every second; the AAPL move is not a round number.
        ticks.push('AAPL', 100 + i * 0.5 + 0.00123, T0 + i * S);
        ticks.push('MSFT', 200 + i, T0 + i * S);
        clock.set(T0 + i * S + 500);
        await server.app.reactions.sweep();
        await settled();
        // One frame per sweep per group.
        expect(frames.get('all')).toHaveLength(i - 1);
        expect(frames.get('msft')).toHaveLength(i - 1);
        expect(last('all')?.articles).toEqual([]);
        // Unfiltered: the 2 newest stories, and the story whose values are due at this sweep (the
        // i-th sweep: seq i mod 10), each story once in 10 sweeps; the MSFT filter: its story (seq 1).
        const due = [msft, ...apple].filter((a) => a.seq % 10 === i % 10 && a !== a3 && a !== a4);
        expect(liveIds(last('all'))).toEqual([a3?.id, a4?.id, ...due.map((a) => a.id)].sort());
        expect(liveIds(last('msft'))).toEqual([msft.id]);
        const a4Live = last('all')?.live?.find((u) => u.id === a4?.id) as LiveReactionUpdate;
        // Moves to 2 decimals (what the screen shows), the price and its time as they are.
        expect(a4Live.t).toEqual([
          ['AAPL', i * 0.5, i * 0.5, i * 0.5, 0, 100 + i * 0.5 + 0.00123, T0 + i * S],
        ]);
      }

      // The 1 min horizon freezes for every story: all of them at once, in full.
      clock.set(T0 + 62 * S);
      await server.app.reactions.sweep();
      await settled();
      const milestone = last('all');
      expect(milestone?.live).toBeUndefined();
      expect(milestone?.articles.map((u) => u.id).sort()).toEqual([msft, ...apple].map((a) => a.id).sort());
      const full = milestone?.articles.find((u) => u.id === apple[0]?.id) as ReactionUpdate;
      expect(aapl(full).reaction.horizons['1m']).toEqual({ move: 5.5012, abnormal: 5.5012 });
      expect(aapl(full).refPrice).toBe(100);
      expect(last('msft')?.articles.map((u) => u.id)).toEqual([msft.id]);

      // A page connecting just after (its REST snapshot may predate the freeze, which is pushed
      // once) gets the values that froze, for the stories its filter shows, without another sweep.
      const late = async (tickers: string[]) => {
        const got: ReactionsUpdated[] = [];
        const s = await connect(server.url, { tickers }, (sock) =>
          sock.on('reactions:updated', (f) => got.push(f)),
        );
        await command(s, 'ticks:subscribe', { symbols: [] });
        return got;
      };
      const lateAll = await late([]);
      const lateMsft = await late(['MSFT']);
      const lateNvda = await late(['NVDA']);
      expect(lateAll).toHaveLength(1);
      expect(lateAll[0]?.articles.map((u) => u.id).sort()).toEqual([msft, ...apple].map((a) => a.id).sort());
      expect(
        aapl(lateAll[0]?.articles.find((u) => u.id === apple[0]?.id) as ReactionUpdate).reaction.horizons[
          '1m'
        ],
      ).toEqual({
        move: 5.5012,
        abnormal: 5.5012,
      });
      expect(lateMsft.map((f) => f.articles.map((u) => u.id))).toEqual([[msft.id]]);
      expect(lateNvda).toEqual([]);
    } finally {
      disconnectAll();
      await server.close();
    }
  });
});
