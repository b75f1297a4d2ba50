import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MarketStatus } from '../../shared/index.js';
import {
  command,
  connect,
  disconnectAll,
  getJson,
  makeArticle,
  postArticle,
  waitUntil,
} from '../support/client.js';
import { FakeFinnhub, FINNHUB_FRAMES } from '../support/fakes/finnhub.js';
import {
  collectStatuses,
  collectTicks,
  history,
  marketStatus,
  memoryLogger,
  metric,
  waitForMarket,
} from '../support/market.js';
import { type StartOptions, startServer, type TestServer } from '../support/server.js';

const TOKEN = 'finnhub-test-key-7f3a9c';
const tmp = mkdtempSync(join(tmpdir(), 'tw-finnhub-'));
let fake: FakeFinnhub | undefined;
let server: TestServer | undefined;
let pinger: NodeJS.Timeout | undefined;

afterEach(async () => {
  clearInterval(pinger);
  disconnectAll();
  await server?.close();
  await fake?.close();
  server = undefined;
  fake = undefined;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function start(opts: { symbolLimit?: number; env?: Record<string, string> } & StartOptions = {}) {
  fake = await FakeFinnhub.start({ token: TOKEN, symbolLimit: opts.symbolLimit });
  server = await startServer({
    ...opts,
    env: {
      STORE: 'memory',
      TICK_SOURCE: 'finnhub',
      FINNHUB_API_KEY: TOKEN,
      FINNHUB_WS_URL: fake.url,
      TICK_SILENCE_MS: '10000',
      TICK_RECONNECT_MIN_MS: '50',
      TICK_RECONNECT_MAX_MS: '200',
      ...opts.env,
    },
  });
  return { fake, server };
}

const post = async (s: TestServer, tickers: string[], headline = 'Markets roundup') => {
  const res = await postArticle(s.url, s.token, makeArticle({ headline, tickers }));
  expect(res.status).toBe(201);
};

describe('TICK_SOURCE=finnhub', () => {
  it('subscribes the benchmark, a story’s tickers and what a client watches, and their trades reach the chart', async () => {
    const { fake, server } = await start();
    await fake.server.waitFor(() => fake.subscribed.has('SPY'), 'SPY subscribed');
    await post(server, ['NVDA', 'AMD']);
    await fake.server.waitFor(
      () => fake.subscribed.has('NVDA') && fake.subscribed.has('AMD'),
      'story tickers',
    );

    const watcher = await connect(server.url);
    const ticks = collectTicks(watcher);
    expect(await command(watcher, 'ticks:subscribe', { symbols: ['TSLA', 'SPY'] })).toMatchObject({
      ok: true,
    });
    await fake.server.waitFor(() => fake.subscribed.has('TSLA'), 'TSLA subscribed');
    expect(fake.server.connections).toBe(1);
    expect(fake.subscribeFrames()).toEqual(['SPY', 'AMD', 'NVDA', 'TSLA']);

    const t = Date.now();
    fake.trades({ TSLA: 251.5, SPY: 600.25, NVDA: 181.3 }, t);
    await waitUntil(() => ticks.some((x) => x.s === 'TSLA' && x.p === 251.5), 'the TSLA trade as a tick');
    expect(ticks.find((x) => x.s === 'SPY')).toEqual({ s: 'SPY', p: 600.25, t });
    // Only what the client watches is pushed to it.
    expect(ticks.some((x) => x.s === 'NVDA')).toBe(false);
    const tsla = await history(server.url, 'TSLA', t - 60_000, t + 1_000);
    expect(tsla.points.at(-1)?.p).toBe(251.5);
    const quotes = await getJson<{ quotes: { symbol: string; price: number }[] }>(
      `${server.url}/api/quotes?symbols=NVDA`,
    );
    expect(quotes.body.quotes).toEqual([{ symbol: 'NVDA', price: 181.3, t }]);

    const status = await marketStatus(server.url);
    expect(status).toMatchObject({ source: 'finnhub', connected: true, notLive: [], problem: null });
    expect(status.liveSymbols).toEqual(['SPY', 'TSLA', 'AMD', 'NVDA']);
  });

  it('plays the recorded trade batch into the price history', async () => {
    const { fake, server } = await start();
    await fake.server.waitFor(() => fake.subscribed.has('SPY'), 'connected');
    fake.send(FINNHUB_FRAMES.realTrade);
    const from = 1_672_348_880_000;
    let tsla: Awaited<ReturnType<typeof history>> | undefined;
    await waitUntil(
      () => (tsla?.points.length ?? 0) > 0,
      'TSLA history',
      5_000,
      async () => {
        tsla = await history(server.url, 'TSLA', from, from + 20_000);
      },
    );
    expect(tsla?.points).toEqual([{ t: 1_672_348_887_000, p: 122.1 }]);
    expect((await history(server.url, 'AAPL', from, from + 20_000)).points).toEqual([
      { t: 1_672_348_887_000, p: 129.575 },
    ]);
  });

  it('stays within the provider’s cap, keeps the most watched live and says which are not', async () => {
    const { fake, server } = await start({ symbolLimit: 3 });
    const observer = await connect(server.url);
    const statuses = collectStatuses(observer);
    await fake.server.waitFor(() => fake.subscribed.has('SPY'), 'connected');
    await post(server, ['AAPL', 'MSFT', 'AMZN', 'GOOGL'], 'Big tech earnings week');
    // Two refusals teach the cap; the least wanted are let go.
    let status = await waitForMarket(server.url, (m) => m.symbolLimit === 3, 'the cap learned');
    expect([...fake.subscribed].sort()).toEqual(['AAPL', 'AMZN', 'SPY']);
    expect(status).toMatchObject({
      connected: true,
      liveSymbols: ['SPY', 'AAPL', 'AMZN'],
      notLive: ['GOOGL', 'MSFT'],
      problem: 'SYMBOL_LIMIT',
    });

    // Two clients watch META: it is wanted more than any story ticker.
    for (let i = 0; i < 2; i++) {
      const c = await connect(server.url);
      await command(c, 'ticks:subscribe', { symbols: ['META'] });
    }
    status = await waitForMarket(server.url, (m) => m.liveSymbols?.includes('META') ?? false, 'META live');
    expect([...fake.subscribed].sort()).toEqual(['AAPL', 'META', 'SPY']);
    expect(status.notLive).toEqual(['AMZN', 'GOOGL', 'MSFT']);
    expect(status.reason).toMatch(/Finnhub: .*3 streamed at most \(the provider refused more\)/);
    await waitUntil(() => statuses.at(-1)?.notLive.join() === 'AMZN,GOOGL,MSFT', 'market:status pushed');
    expect(
      await metric(server.url, 'tickerwire_tick_source_errors_total', { code: 'too-many-symbols' }),
    ).toBe(2);
  });

  it('keeps to FINNHUB_SYMBOL_LIMIT without waiting for a refusal', async () => {
    const { fake, server } = await start({ env: { FINNHUB_SYMBOL_LIMIT: '2' } });
    await post(server, ['JPM', 'GS', 'BAC']);
    const status = await waitForMarket(server.url, (m) => m.notLive.length === 2, 'two not live');
    expect(status).toMatchObject({ symbolLimit: 2, liveSymbols: ['SPY', 'BAC'], problem: 'SYMBOL_LIMIT' });
    expect(fake.subscribeFrames()).toEqual(['SPY', 'BAC']);
  });

  it('reconnects after a dropped connection and subscribes again', async () => {
    const { fake, server } = await start();
    const client = await connect(server.url);
    const statuses = collectStatuses(client);
    const ticks = collectTicks(client);
    await command(client, 'ticks:subscribe', { symbols: ['SPY', 'AAPL'] });
    await post(server, ['AAPL', 'BABA']);
    await fake.server.waitFor(() => fake.subscribed.size === 3, 'three subscribed');

    fake.server.dropAll();
    await fake.server.waitFor(
      () => fake.server.connections === 2 && fake.subscribed.size === 3,
      'resubscribed',
    );
    expect(fake.server.messages(2).map((m) => m.symbol)).toEqual(['SPY', 'AAPL', 'BABA']);
    await waitUntil(() => statuses.some((s) => !s.connected), 'a disconnected status');
    await waitUntil(() => statuses.at(-1)?.connected === true, 'connected again');
    expect(statuses.find((s) => !s.connected)).toMatchObject({
      problem: 'DISCONNECTED',
      notLive: ['SPY', 'AAPL', 'BABA'],
    });

    fake.trades({ AAPL: 201.5 });
    await waitUntil(() => ticks.some((t) => t.p === 201.5), 'a tick after the reconnect');
    expect(await metric(server.url, 'tickerwire_tick_source_reconnects_total', { reason: 'closed' })).toBe(1);
  });

  it('replaces a link that goes silent and subscribes again', async () => {
    const { fake, server } = await start({ env: { TICK_SILENCE_MS: '700' } });
    // Finnhub pings about once a minute; here, every 150 ms, so only the silence trips the watchdog.
    pinger = setInterval(() => fake.send(FINNHUB_FRAMES.ping), 150);
    await post(server, ['NFLX']);
    await fake.server.waitFor(() => fake.subscribed.has('NFLX'), 'NFLX subscribed');
    await new Promise((r) => setTimeout(r, 900));
    expect(fake.server.connections).toBe(1);

    fake.server.silenceAll();
    await fake.server.waitFor(() => fake.server.connections === 2, 'a new connection', 5_000);
    await fake.server.waitFor(
      () => fake.subscribed.has('NFLX') && fake.subscribed.has('SPY'),
      'resubscribed',
    );
    expect(await metric(server.url, 'tickerwire_tick_source_reconnects_total', { reason: 'silence' })).toBe(
      1,
    );
    await waitForMarket(server.url, (m) => m.connected, 'connected again');
  });

  it('counts and skips garbage frames and keeps going', async () => {
    const { fake, server } = await start();
    const client = await connect(server.url);
    const ticks = collectTicks(client);
    await command(client, 'ticks:subscribe', { symbols: ['AAPL'] });
    await fake.server.waitFor(() => fake.subscribed.has('AAPL'), 'AAPL subscribed');
    fake.send('not json at all');
    fake.send('{"type":"trade","data":[{"s":"AAPL","p":"abc","t":1}]}');
    fake.send('{"type":"trade","data":[{"s":"AAPL","p":-5,"t":1}]}');
    fake.send(Buffer.from([0, 159, 146, 150]));
    fake.send('{"type":"news","data":[]}');
    fake.trades({ AAPL: 190.01 });
    await waitUntil(() => ticks.some((t) => t.p === 190.01), 'the good trade after the garbage');
    const bad = (reason: string) =>
      metric(server.url, 'tickerwire_tick_source_bad_frames_total', { source: 'finnhub', reason });
    expect([await bad('json'), await bad('schema'), await bad('binary')]).toEqual([1, 2, 1]);
    expect(ticks.every((t) => t.p > 0)).toBe(true);
    expect(fake.server.connections).toBe(1);
    expect((await marketStatus(server.url)).connected).toBe(true);
  });

  it('reports a refused key without showing it, and does not hammer the provider', async () => {
    const { logger, lines } = memoryLogger();
    const { fake, server } = await start({ env: { FINNHUB_API_KEY: 'wrong-key-0000' }, logger });
    const status: MarketStatus = await waitForMarket(
      server.url,
      (m) => m.problem === 'AUTH_FAILED',
      'auth failure',
    );
    expect(status).toMatchObject({ connected: false, notLive: ['SPY'] });
    expect(status.reason).toMatch(/FINNHUB_API_KEY/);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.server.refused).toBe(1);
    expect(lines.join('\n')).toMatch(/Finnhub refused FINNHUB_API_KEY/);
    const health = await (await fetch(`${server.url}/api/health`)).text();
    for (const text of [health, lines.join('\n')]) expect(text).not.toContain('wrong-key-0000');
  });

  it('records every trade it receives to TICK_RECORD_FILE, in the replay format', async () => {
    const file = join(tmp, 'recorded.jsonl');
    const { fake, server } = await start({ env: { TICK_RECORD_FILE: file } });
    await fake.server.waitFor(() => fake.subscribed.has('SPY'), 'connected');
    const t = Date.now();
    fake.trades({ SPY: 601.5, QQQ: 520.25 }, t);
    let quotes: { symbol: string }[] = [];
    await waitUntil(
      () => quotes.length === 2,
      'both trades received',
      5_000,
      async () => {
        quotes = (await getJson<{ quotes: { symbol: string }[] }>(`${server.url}/api/quotes?symbols=SPY,QQQ`))
          .body.quotes;
      },
    );
    await server.close();
    expect(readFileSync(file, 'utf8')).toBe(
      `${JSON.stringify({ s: 'SPY', p: 601.5, t })}\n${JSON.stringify({ s: 'QQQ', p: 520.25, t })}\n`,
    );
  });
});
