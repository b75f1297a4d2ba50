import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HealthResponse, MarketStatus } from '../../shared/index.js';
import {
  command,
  connect,
  disconnectAll,
  getJson,
  makeArticle,
  postArticle,
  waitUntil,
} from '../support/client.js';
import { collectStatuses, collectTicks, history, waitForMarket } from '../support/market.js';
import { startServer, type TestServer } from '../support/server.js';

const tmp = mkdtempSync(join(tmpdir(), 'tw-replay-int-'));
let server: TestServer | undefined;
afterEach(async () => {
  disconnectAll();
  await server?.close();
  server = undefined;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('TICK_SOURCE=replay', () => {
  it('plays the shipped recording as live prices, out of the box', async () => {
    server = await startServer({ env: { STORE: 'memory', TICK_SOURCE: 'replay', REPLAY_SPEED: '20' } });
    const client = await connect(server.url);
    const statuses = collectStatuses(client);
    const ticks = collectTicks(client);
    await command(client, 'ticks:subscribe', { symbols: ['NVDA', 'SPY'] });
    await waitUntil(
      () => ticks.some((t) => t.s === 'NVDA') && ticks.some((t) => t.s === 'SPY'),
      'replayed ticks',
    );
    const now = Date.now();
    // Times are rebased to now.
    expect(ticks.every((t) => Math.abs(t.t - now) < 10_000)).toBe(true);
    expect(new Set(ticks.map((t) => t.s))).toEqual(new Set(['NVDA', 'SPY']));
    const nvda = await history(server.url, 'NVDA', now - 60_000, now + 10_000);
    expect(nvda.points.length).toBeGreaterThan(0);

    // A story about a symbol the recording does not have: it is said not to be live.
    const res = await postArticle(
      server.url,
      server.token,
      makeArticle({ headline: 'Palantir deal', tickers: ['PLTR'] }),
    );
    expect(res.status).toBe(201);
    const status = await waitForMarket(server.url, (m) => m.notLive.includes('PLTR'), 'PLTR not live');
    expect(status).toMatchObject({
      source: 'replay',
      connected: true,
      notLive: ['PLTR'],
      problem: 'NOT_RECORDED',
    });
    expect(status.liveSymbols?.slice(0, 2)).toEqual(['SPY', 'NVDA']);
    expect(status.liveSymbols).toHaveLength(13);
    await waitUntil(() => statuses.at(-1)?.notLive.includes('PLTR') ?? false, 'market:status pushed');
    const health = await getJson<HealthResponse>(`${server.url}/api/health`);
    expect(health.body.tickSource).toBe('replay');
  });

  it('plays a file given in REPLAY_FILE, skipping its bad lines', async () => {
    const file = join(tmp, 'mine.jsonl');
    const t0 = 1_700_000_000_000;
    writeFileSync(
      file,
      [
        JSON.stringify({ s: 'IBM', p: 250, t: t0 }),
        'oops',
        JSON.stringify({ s: 'IBM', p: 251, t: t0 + 100 }),
      ].join('\n'),
    );
    server = await startServer({ env: { STORE: 'memory', TICK_SOURCE: 'replay', REPLAY_FILE: file } });
    const client = await connect(server.url);
    const ticks = collectTicks(client);
    await command(client, 'ticks:subscribe', { symbols: ['IBM'] });
    await waitUntil(() => ticks.some((t) => t.p === 251), 'the file’s second tick');
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('tickerwire_tick_source_bad_frames_total{source="replay",reason="line"} 1');
  });

  it('records what it plays when TICK_RECORD_FILE is set', async () => {
    const file = join(tmp, 'again.jsonl');
    server = await startServer({
      env: { STORE: 'memory', TICK_SOURCE: 'replay', REPLAY_SPEED: '50', TICK_RECORD_FILE: file },
    });
    const client = await connect(server.url);
    const ticks = collectTicks(client);
    await command(client, 'ticks:subscribe', { symbols: ['AAPL'] });
    await waitUntil(() => ticks.length >= 3, 'a few ticks');
    await server.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(Object.keys(JSON.parse(l))).toEqual(['s', 'p', 't']);
  });
});

describe('TICK_SOURCE=mock', () => {
  it('says every price is live, in health and after server:hello', async () => {
    server = await startServer({ env: { STORE: 'memory' } });
    let status: MarketStatus | undefined;
    const order: string[] = [];
    await connect(server.url, {}, (s) => {
      s.on('server:hello', () => order.push('hello'));
      s.on('market:status', (m) => {
        order.push('status');
        status = m;
      });
    });
    await waitUntil(() => status !== undefined, 'market:status');
    const expected: MarketStatus = {
      source: 'mock',
      connected: true,
      notLive: [],
      symbolLimit: null,
      problem: null,
      reason: null,
      lastMessageAt: null,
    };
    expect(status).toEqual(expected);
    expect(order).toEqual(['hello', 'status']);
    expect((await getJson<HealthResponse>(`${server.url}/api/health`)).body.market).toEqual(expected);
  });
});
