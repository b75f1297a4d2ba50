import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FANOUT_SLICE } from '../../server/realtime/gateway.js';
import type { Article, ReactionsUpdated, Tick } from '../../shared/index.js';
import {
  collectArticles,
  command,
  connect,
  disconnectAll,
  makeArticle,
  postArticle,
  type TestSocket,
  waitUntil,
} from '../support/client.js';
import { ScriptedTickSource } from '../support/scripted-ticks.js';
import { startServer, type TestServer } from '../support/server.js';

// Bulk sends (tick batches, reactions) go out in slices of FANOUT_SLICE sockets with the event loop
// turning in between: with more clients than that in one group, nobody may be skipped, get a batch
// twice, or see a story out of order because it was sent between two slices.
const CLIENTS = FANOUT_SLICE * 2 + 37;

let server: TestServer;
const ticks = new ScriptedTickSource();
beforeAll(async () => {
  server = await startServer({ env: { STORE: 'memory', MOCK_BACKFILL_MINUTES: '0' }, tickSource: ticks });
});
afterAll(async () => {
  disconnectAll();
  await server?.close();
});

interface Seen {
  socket: TestSocket;
  batches: Tick[][];
  stories: Article[];
}

describe(`sending to more than ${FANOUT_SLICE} clients at once`, () => {
  it('gets every tick batch to every client once, and the stories sent between slices in order', async () => {
    const clients: Seen[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const batches: Tick[][] = [];
      const socket = await connect(server.url, {}, (s) => s.on('ticks:batch', (b) => batches.push(b.ticks)));
      clients.push({ socket, batches, stories: collectArticles(socket) });
    }
    // Two tick groups (one of more than FANOUT_SLICE clients): two bulk sends each flush.
    await Promise.all(
      clients.map(async (c, i) => {
        const symbols = i % 4 === 0 ? ['AAPL', 'MSFT'] : ['AAPL'];
        expect((await command(c.socket, 'ticks:subscribe', { symbols })).ok).toBe(true);
      }),
    );

    const t0 = Date.now();
    const posted: Article[] = [];
    for (let k = 1; k <= 20; k++) {
      ticks.push('AAPL', 100 + k, t0 + k);
      ticks.push('MSFT', 200 + k, t0 + k);
      // Stories while batches go out: some land between two slices.
      const res = await postArticle(server.url, server.token, makeArticle({ headline: `Story ${k}` }));
      expect(res.status).toBe(201);
      posted.push(res.body as Article);
      await new Promise((r) => setTimeout(r, 15 + (k % 4) * 20));
    }
    const last = (c: Seen, s: string) => c.batches.flat().findLast((t) => t.s === s)?.p;
    await waitUntil(
      () => clients.every((c) => c.stories.length === posted.length && last(c, 'AAPL') === 120),
      'every story and the last AAPL price at every client',
      20_000,
    );
    for (const [i, c] of clients.entries()) {
      // Every story once, in seq order.
      expect(c.stories.map((a) => a.seq)).toEqual(posted.map((a) => a.seq));
      // Every tick once, in order: no batch was lost, came twice or late.
      const aapl = c.batches.flat().filter((t) => t.s === 'AAPL');
      expect(aapl.map((t) => t.p)).toEqual(Array.from({ length: 20 }, (_, k) => 101 + k));
      // Only its symbols; the second group also gets the last MSFT price.
      const symbols = new Set(c.batches.flat().map((t) => t.s));
      expect([...symbols].sort()).toEqual(i % 4 === 0 ? ['AAPL', 'MSFT'] : ['AAPL']);
      if (i % 4 === 0) expect(last(c, 'MSFT')).toBe(220);
    }
  }, 60_000);
});

describe('reactions to more clients than a slice', () => {
  // A sweep's reactions:updated frames are spread over half a second, a slice at a time: a story
  // published meanwhile reaches the clients whose frame has not gone out yet before it, and every
  // client still gets every frame once, in order.
  it('are spread out, do not hold a story back, and reach every client once, in order', async () => {
    const market = new ScriptedTickSource();
    // Live values every sweep for the newest stories, so each sweep below has a frame for everyone.
    const app = await startServer({
      env: { STORE: 'memory', MOCK_BACKFILL_MINUTES: '0', REACTION_LIVE_STORIES: '5' },
      tickSource: market,
    });
    try {
      // Sweeps run when the test says.
      await app.app.reactions.stop();
      const now = Date.now();
      market.push('AAPL', 100, now - 2_000);
      market.push('SPY', 500, now - 2_000);
      type Event = { kind: 'story'; seq: number } | { kind: 'reactions'; frame: ReactionsUpdated };
      const clients: Event[][] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const events: Event[] = [];
        await connect(app.url, {}, (s) => {
          s.on('article:published', (a) => events.push({ kind: 'story', seq: a.seq }));
          s.on('reactions:updated', (frame) => events.push({ kind: 'reactions', frame }));
        });
        clients.push(events);
      }
      const post = async (headline: string, tickers: string[]) => {
        const res = await postArticle(app.url, app.token, makeArticle({ headline, tickers }));
        expect(res.status).toBe(201);
        return res.body as Article;
      };
      const apple = await post('Apple raises its dividend', ['AAPL']);
      const movesOf = (events: Event[]) =>
        events.flatMap((e) =>
          e.kind === 'reactions'
            ? (e.frame.live ?? []).filter((u) => u.id === apple.id).map((u) => u.t[0]?.[1])
            : [],
        );

      market.push('AAPL', 103, Date.now());
      await app.app.reactions.sweep();
      // Published right after the sweep, while its frames are still going out.
      const second = await post('Microsoft opens a new region', ['MSFT']);
      await waitUntil(
        () =>
          clients.every(
            (e) => movesOf(e).length === 1 && e.some((x) => x.kind === 'story' && x.seq === second.seq),
          ),
        'the first frame and the second story at every client',
        20_000,
      );
      const storyFirst = clients.filter((events) => {
        const story = events.findIndex((x) => x.kind === 'story' && x.seq === second.seq);
        const frame = events.findIndex((x) => x.kind === 'reactions');
        return story < frame;
      }).length;
      // At least the clients of the last slice had the story before their frame (all of them would
      // have had the frame first if it had gone to everyone at once).
      expect(storyFirst).toBeGreaterThanOrEqual(CLIENTS - 2 * FANOUT_SLICE);

      // Two sweeps in a row: their frames queue behind each other and keep their order.
      market.push('AAPL', 104, Date.now());
      await app.app.reactions.sweep();
      market.push('AAPL', 105, Date.now());
      await app.app.reactions.sweep();
      await waitUntil(
        () => clients.every((e) => movesOf(e).length === 3),
        'three frames at every client',
        20_000,
      );
      for (const events of clients) {
        expect(movesOf(events)).toEqual([3, 4, 5]);
        expect(events.filter((x) => x.kind === 'story').map((x) => (x as { seq: number }).seq)).toEqual([
          apple.seq,
          second.seq,
        ]);
      }
    } finally {
      disconnectAll();
      await app.close();
    }
  }, 60_000);
});
