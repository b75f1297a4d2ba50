import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Article, MAX_RESUME_ARTICLES, PROTOCOL_VERSION, type Tick } from '../../shared/index.js';
import {
  collectArticles,
  command,
  connect,
  disconnectAll,
  makeArticle,
  postArticle,
  waitUntil,
} from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { STORE: 'memory' } });
});
afterEach(() => disconnectAll());
afterAll(async () => {
  await server?.close();
});

const post = async (over: Parameters<typeof makeArticle>[0]) => {
  const res = await postArticle(server.url, server.token, makeArticle(over));
  expect(res.status).toBe(201);
  return res.body;
};

describe('article:published', () => {
  it('pushes a story to a subscriber of its ticker and not to a subscriber of another', async () => {
    const baba = await connect(server.url);
    const aapl = await connect(server.url);
    expect(await command(baba, 'feed:subscribe', { tickers: ['BABA'] })).toMatchObject({
      ok: true,
      data: { tickers: ['BABA'] },
    });
    expect(await command(aapl, 'feed:subscribe', { tickers: ['aapl'] })).toMatchObject({
      ok: true,
      data: { tickers: ['AAPL'] },
    });
    const gotBaba = collectArticles(baba);
    const gotAapl = collectArticles(aapl);

    const story = await post({ headline: 'Alibaba unveils Qwen3-Max', tickers: ['BABA'] });
    await waitUntil(() => gotBaba.length === 1, 'the BABA subscriber to get the story');
    expect(gotBaba[0]).toEqual(story);

    // A later AAPL story reaches the AAPL subscriber; by then the BABA one would have too.
    const apple = await post({ headline: 'Apple expands buyback', tickers: ['AAPL'] });
    await waitUntil(() => gotAapl.length === 1, 'the AAPL subscriber to get its story');
    expect(gotAapl.map((a) => a.id)).toEqual([apple.id]);
    expect(gotBaba.map((a) => a.id)).toEqual([story.id]);
  });

  it('sends every story once to an all-stories subscriber, in seq order', async () => {
    const all = await connect(server.url);
    expect(await command(all, 'feed:subscribe', { tickers: [] })).toMatchObject({ ok: true });
    const got = collectArticles(all);
    const posted = [];
    for (let i = 0; i < 5; i++)
      posted.push(await post({ headline: `Story ${i}`, tickers: i % 2 ? ['NVDA', 'AMD'] : [] }));
    await waitUntil(() => got.length === 5, 'five stories');
    expect(got.map((a) => a.seq)).toEqual(posted.map((a) => a.seq));
  });

  it('replays exactly the missed stories to a client that reconnects with its last seq', async () => {
    const first = await connect(server.url, { tickers: [] });
    const seen = collectArticles(first);
    await post({ headline: 'Before the drop', tickers: ['MSFT'] });
    await waitUntil(() => seen.length === 1, 'the first story');
    const lastSeq = seen[0]?.seq as number;
    first.disconnect();

    const missed = [];
    for (let i = 0; i < 4; i++)
      missed.push(await post({ headline: `Missed ${i}`, tickers: i % 2 ? ['MSFT'] : ['TSLA'] }));

    let replayed: Article[] = [];
    await connect(server.url, { lastSeq, tickers: [] }, (s) => {
      replayed = collectArticles(s);
    });
    await waitUntil(() => replayed.length >= 4, 'the missed stories');
    const after = await post({ headline: 'After coming back', tickers: ['MSFT'] });
    await waitUntil(() => replayed.length === 5, 'the live story after the replay');
    expect(replayed.map((a) => a.seq)).toEqual([...missed.map((a) => a.seq), after.seq]);

    // With a filter, only the missed stories of that filter come back.
    let onlyMsft: Article[] = [];
    await connect(server.url, { lastSeq, tickers: ['MSFT'] }, (s) => {
      onlyMsft = collectArticles(s);
    });
    await waitUntil(() => onlyMsft.length >= 3, 'the missed MSFT stories');
    await new Promise((r) => setTimeout(r, 100));
    expect(onlyMsft.map((a) => a.seq)).toEqual([missed[1]?.seq, missed[3]?.seq, after.seq]);
  });

  it('tells a client that is too far behind to reload instead of replaying', async () => {
    const sock = io(server.url, {
      auth: { lastSeq: 0 },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    // Only meaningful when more stories exist than a replay may carry.
    const latest = (await (await fetch(`${server.url}/api/articles?limit=1`)).json()) as {
      latestSeq: number;
    };
    const need = MAX_RESUME_ARTICLES + 1 - latest.latestSeq;
    sock.disconnect();
    for (let i = 0; i < need; i++) await post({ headline: `Bulk ${i}` });
    const resets: unknown[] = [];
    let got: Article[] = [];
    await connect(server.url, { lastSeq: 0 }, (s) => {
      got = collectArticles(s);
      s.on('feed:reset', (r) => resets.push(r));
    });
    await waitUntil(() => resets.length === 1, 'feed:reset');
    expect(resets[0]).toMatchObject({ reason: 'gap-too-large' });
    expect(got).toHaveLength(0);
  });
});

describe('commands and handshake', () => {
  it('answers a bad command with a BAD_REQUEST ack and keeps the connection', async () => {
    const sock = await connect(server.url);
    const bad = await command(sock, 'feed:subscribe', { tickers: 'BABA' as unknown as string[] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const bad2 = await command(sock, 'ticks:subscribe', { symbols: ['!!!'] });
    expect(bad2).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(sock.connected).toBe(true);
    expect(await command(sock, 'feed:subscribe', { tickers: ['NVDA'] })).toMatchObject({ ok: true });
  });

  it('refuses a client speaking another protocol version with a clear reason', async () => {
    const sock = io(server.url, {
      auth: { protocolVersion: PROTOCOL_VERSION + 1 },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const err = await new Promise<Error & { data?: { code: string; message: string } }>((resolve) =>
      sock.once('connect_error', resolve),
    );
    sock.disconnect();
    expect(err.message).toBe('PROTOCOL_MISMATCH');
    expect(err.data?.message).toMatch(/reload/);
  });

  it('greets a client with the protocol version and latest seq', async () => {
    const sock = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const hello = await new Promise<{ protocolVersion: number; latestSeq: number }>((resolve) =>
      sock.once('server:hello', resolve),
    );
    sock.disconnect();
    expect(hello.protocolVersion).toBe(PROTOCOL_VERSION);
    expect(hello.latestSeq).toBeGreaterThanOrEqual(0);
  });
});

describe('ticks:batch', () => {
  it('sends batches of only the subscribed symbols', async () => {
    const sock = await connect(server.url);
    const batches: Tick[][] = [];
    sock.on('ticks:batch', (b) => batches.push(b.ticks));
    expect(await command(sock, 'ticks:subscribe', { symbols: ['SPY', 'NVDA'] })).toEqual({
      ok: true,
      data: { symbols: ['SPY', 'NVDA'] },
    });
    await waitUntil(() => batches.length >= 5, 'five tick batches');
    for (const batch of batches) {
      const symbols = batch.map((t) => t.s);
      for (const s of symbols) expect(['SPY', 'NVDA']).toContain(s);
      for (const t of batch) expect(t.p).toBeGreaterThan(0);
    }
    // newer ticks only move forward in time per symbol
    const spy = batches
      .flat()
      .filter((t) => t.s === 'SPY')
      .map((t) => t.t);
    expect(spy).toEqual([...spy].sort((a, b) => a - b));
  });
});
