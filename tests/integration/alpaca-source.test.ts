import { afterEach, describe, expect, it } from 'vitest';
import { command, connect, disconnectAll, makeArticle, postArticle, waitUntil } from '../support/client.js';
import { ALPACA_FRAMES, FakeAlpaca, type FakeAlpacaOptions } from '../support/fakes/alpaca.js';
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

const KEY_ID = 'PKTEST0000000000ALPACA';
const SECRET = 'alpaca-secret-5b8e2d91c4';
let fake: FakeAlpaca | undefined;
let server: TestServer | undefined;

afterEach(async () => {
  disconnectAll();
  await server?.close();
  await fake?.close();
  server = undefined;
  fake = undefined;
});

async function start(
  opts: { fake?: Partial<FakeAlpacaOptions>; env?: Record<string, string> } & Omit<StartOptions, 'env'> = {},
) {
  fake = await FakeAlpaca.start({ keyId: KEY_ID, secret: SECRET, ...opts.fake });
  server = await startServer({
    ...opts,
    env: {
      STORE: 'memory',
      TICK_SOURCE: 'alpaca',
      ALPACA_API_KEY_ID: KEY_ID,
      ALPACA_API_SECRET_KEY: SECRET,
      ALPACA_DATA_WS_URL: fake.url,
      TICK_SILENCE_MS: '10000',
      TICK_RECONNECT_MIN_MS: '50',
      TICK_RECONNECT_MAX_MS: '200',
      ...opts.env,
    },
  });
  return { fake, server };
}

const post = async (s: TestServer, tickers: string[]) => {
  const res = await postArticle(s.url, s.token, makeArticle({ headline: 'Sector roundup', tickers }));
  expect(res.status).toBe(201);
};

describe('TICK_SOURCE=alpaca', () => {
  it('authenticates, subscribes trades as demand grows, and the trades reach the chart', async () => {
    const { fake, server } = await start();
    await fake.server.waitFor(() => fake.subscribed.has('SPY'), 'SPY subscribed');
    expect(fake.actions(1).slice(0, 2)).toEqual([
      { action: 'auth', key: KEY_ID, secret: SECRET },
      { action: 'subscribe', trades: ['SPY'] },
    ]);
    const client = await connect(server.url);
    const ticks = collectTicks(client);
    await command(client, 'ticks:subscribe', { symbols: ['SPY', 'AMD'] });
    await post(server, ['INTC']);
    await fake.server.waitFor(() => fake.subscribed.size === 3, 'three subscribed');
    expect((await marketStatus(server.url)).liveSymbols).toEqual(['SPY', 'AMD', 'INTC']);

    const t = Date.now();
    fake.trades({ AMD: 162.4, INTC: 31.05 }, t);
    await waitUntil(() => ticks.some((x) => x.s === 'AMD' && x.p === 162.4), 'the AMD trade as a tick');
    expect((await history(server.url, 'INTC', t - 60_000, t + 1_000)).points.at(-1)?.p).toBe(31.05);
  });

  it('plays the recorded session: its trade into the history, its bar standing in for a missing trade', async () => {
    const { fake, server } = await start();
    await fake.server.waitFor(() => fake.subscribed.has('SPY'), 'connected');
    for (const frame of ALPACA_FRAMES.data) fake.send(frame);
    const at = Date.parse('2021-02-22T15:51:44.208Z');
    let aapl: Awaited<ReturnType<typeof history>> | undefined;
    await waitUntil(
      () => (aapl?.points.length ?? 0) > 0,
      'AAPL history',
      5_000,
      async () => {
        aapl = await history(server.url, 'AAPL', at - 10_000, at + 10_000);
      },
    );
    expect(aapl?.points).toEqual([{ t: at - 208, p: 126.55 }]);
    // The SPY minute bar had no trade: its close stands at the end of its minute.
    const bar = Date.parse('2021-02-22T19:15:00Z');
    expect((await history(server.url, 'SPY', bar, bar + 120_000)).points).toEqual([
      { t: bar + 59_000, p: 389.12 },
    ]);
    expect(await metric(server.url, 'tickerwire_tick_source_bad_frames_total')).toBe(0);
  });

  it('uses a minute bar only for a symbol that had no trade that minute', async () => {
    const { fake, server } = await start();
    const client = await connect(server.url);
    const ticks = collectTicks(client);
    await command(client, 'ticks:subscribe', { symbols: ['KO', 'PEP'] });
    await fake.server.waitFor(() => fake.subscribed.has('PEP'), 'subscribed');
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    fake.trades({ KO: 70.1 }, minute + 30_000);
    fake.bar('KO', 69.5, minute);
    fake.bar('PEP', 150.2, minute);
    await waitUntil(() => ticks.some((t) => t.s === 'PEP'), 'the PEP bar as a tick');
    expect(ticks.filter((t) => t.s === 'KO').map((t) => t.p)).toEqual([70.1]);
    expect(ticks.find((t) => t.s === 'PEP')).toEqual({ s: 'PEP', p: 150.2, t: minute + 59_999 });
  });

  it('reports refused keys (402) without showing them, and retries slowly', async () => {
    const { logger, lines } = memoryLogger();
    const { fake, server } = await start({ env: { ALPACA_API_SECRET_KEY: 'not-the-secret-42' }, logger });
    const status = await waitForMarket(server.url, (m) => m.problem === 'AUTH_FAILED', 'auth failure');
    expect(status).toMatchObject({ connected: false, notLive: ['SPY'] });
    expect(status.reason).toMatch(/402 auth failed.*ALPACA_API_KEY_ID/);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.server.connections).toBe(1);
    expect(await metric(server.url, 'tickerwire_tick_source_errors_total', { code: '402' })).toBe(1);
    const logs = lines.join('\n');
    expect(logs).toMatch(/Alpaca: the keys were refused/);
    const health = await (await fetch(`${server.url}/api/health`)).text();
    for (const text of [health, logs]) {
      expect(text).not.toContain('not-the-secret-42');
      expect(text).not.toContain(KEY_ID);
    }
  });

  it('shrinks the subscription after a symbol limit error (405) and says which are not live', async () => {
    const { fake, server } = await start({ fake: { symbolLimit: 2 } });
    const observer = await connect(server.url);
    const statuses = collectStatuses(observer);
    await fake.server.waitFor(() => fake.subscribed.has('SPY'), 'connected');
    await post(server, ['XOM', 'CVX', 'BP']);
    const status = await waitForMarket(
      server.url,
      (m) => m.symbolLimit === 2 && m.liveSymbols?.length === 2,
      'shrunk',
    );
    expect([...fake.subscribed].sort()).toEqual(['BP', 'SPY']);
    expect(status).toMatchObject({ connected: true, notLive: ['CVX', 'XOM'], problem: 'SYMBOL_LIMIT' });
    await waitUntil(() => statuses.at(-1)?.problem === 'SYMBOL_LIMIT', 'market:status pushed');
    expect(await metric(server.url, 'tickerwire_tick_source_errors_total', { code: '405' })).toBe(1);
  });

  it('reports a connection limit (406) and retries slowly', async () => {
    const { fake, server } = await start({ fake: { connectionLimit: true } });
    const status = await waitForMarket(server.url, (m) => m.problem === 'CONNECTION_LIMIT', '406 reported');
    expect(status.reason).toMatch(/another connection/);
    await new Promise((r) => setTimeout(r, 800));
    expect(fake.server.connections).toBe(1);
  });

  it('reconnects after a drop: authenticates and subscribes again', async () => {
    const { fake, server } = await start();
    await post(server, ['DAL', 'UAL']);
    await fake.server.waitFor(() => fake.subscribed.size === 3, 'subscribed');
    fake.server.dropAll();
    await fake.server.waitFor(
      () => fake.server.connections === 2 && fake.subscribed.size === 3,
      'resubscribed',
    );
    expect(fake.actions(2)).toEqual([
      { action: 'auth', key: KEY_ID, secret: SECRET },
      { action: 'subscribe', trades: ['SPY', 'DAL', 'UAL'] },
    ]);
    await waitForMarket(server.url, (m) => m.connected && m.notLive.length === 0, 'all live again');
  });

  it('pings a quiet link and replaces it when the pongs stop', async () => {
    const { fake, server } = await start({ env: { TICK_SILENCE_MS: '600' } });
    await fake.server.waitFor(() => fake.subscribed.has('SPY'), 'connected');
    // No data at all, but the pongs keep the link alive.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fake.server.connections).toBe(1);
    fake.server.silenceAll();
    await fake.server.waitFor(() => fake.server.connections === 2, 'a new connection');
    await fake.server.waitFor(() => fake.subscribed.has('SPY'), 'resubscribed');
    expect(await metric(server.url, 'tickerwire_tick_source_reconnects_total', { reason: 'silence' })).toBe(
      1,
    );
  });

  it('counts and skips garbage frames and bad messages, and keeps going', async () => {
    const { fake, server } = await start();
    const client = await connect(server.url);
    const ticks = collectTicks(client);
    await command(client, 'ticks:subscribe', { symbols: ['WMT'] });
    await fake.server.waitFor(() => fake.subscribed.has('WMT'), 'subscribed');
    fake.send('}{');
    fake.send('{"T":"t","S":"WMT"}');
    fake.send('[{"T":"t","S":"WMT","p":"cheap","t":"2021-02-22T15:51:44Z"},{"T":"q","S":"WMT"}]');
    fake.trades({ WMT: 98.76 });
    await waitUntil(() => ticks.some((t) => t.p === 98.76), 'the good trade after the garbage');
    const bad = (reason: string) =>
      metric(server.url, 'tickerwire_tick_source_bad_frames_total', { source: 'alpaca', reason });
    expect([await bad('json'), await bad('schema')]).toEqual([1, 2]);
    expect(fake.server.connections).toBe(1);
  });
});
