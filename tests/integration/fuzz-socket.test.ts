import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ERROR_CODES, PROTOCOL_VERSION } from '../../shared/index.js';
import {
  collectArticles,
  connect,
  disconnectAll,
  makeArticle,
  postArticle,
  type TestSocket,
  waitUntil,
} from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * Bounded fuzz of the socket protocol: random events and payloads from real socket.io-client
 * sockets, then raw engine.io / socket.io frames over a bare WebSocket. Pass: the process lives,
 * every answered command has the documented ack shape, and a well-behaved client on the side
 * receives every story posted meanwhile, once and in order.
 */

const SEED = 4_711;
const CLIENT_RUNS = Number(process.env.FUZZ_RUNS ?? 1_200);
const RAW_RUNS = 1_500;

let server: TestServer;
let observer: TestSocket;
let seen: ReturnType<typeof collectArticles>;
const posted: number[] = [];

beforeAll(async () => {
  server = await startServer({ env: { STORE: 'memory' } });
  observer = await connect(server.url, { protocolVersion: PROTOCOL_VERSION });
  seen = collectArticles(observer);
});
afterAll(async () => {
  disconnectAll();
  await server?.close();
});

async function postGood(): Promise<void> {
  const res = await postArticle(
    server.url,
    server.token,
    makeArticle({ headline: `Between fuzz ${posted.length}` }),
  );
  expect(res.status).toBe(201);
  posted.push(res.body.seq as number);
}

const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

const hostileObject = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__":{"polluted":"yes"},"tickers":[]}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}},"symbols":["SPY"]}'),
  { tickers: Array(5_000).fill('AAPL') },
  { symbols: Array(2_000).fill('SPY') },
  { tickers: ['A'.repeat(10_000)] },
  { lastSeq: Number.MAX_SAFE_INTEGER, tickers: [] },
  { lastSeq: -1, tickers: [] },
  { tickers: [], primaryOnly: 'yes' },
  { symbols: [{ toString: 'SPY' }] },
);

const payload: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 4,
    maxKeys: 8,
    withNullPrototype: true,
    withBigInt: false,
    withMap: false,
    withSet: false,
  }),
  fc.uint8Array({ maxLength: 4_000 }).map((b) => Buffer.from(b)),
  fc.record({
    tickers: fc.array(fc.string({ maxLength: 12 }), { maxLength: 30 }),
    bin: fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
  }),
  fc.record({ symbols: fc.array(fc.string({ maxLength: 12 }), { maxLength: 30 }) }),
  fc.record({ tickers: fc.array(fc.constantFrom('AAPL', 'BRK.B', 'nvda', '$X', ''), { maxLength: 5 }) }),
  hostileObject,
);

const event = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('feed:subscribe', 'ticks:subscribe') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).filter((e) => !RESERVED.has(e)) },
);

type Shot = { event: string; args: unknown[]; withAck: boolean };
const shots: fc.Arbitrary<Shot> = fc.record({
  event,
  args: fc.array(payload, { minLength: 0, maxLength: 3 }),
  withAck: fc.boolean(),
});

function ackShapeProblem(res: unknown): string | null {
  if (typeof res !== 'object' || res === null) return 'not an object';
  const r = res as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'data' in r ? null : 'ok without data';
  if (r.ok !== false || typeof r.error !== 'object' || r.error === null) return 'neither ok nor error';
  if (!(ERROR_CODES as readonly unknown[]).includes(r.error.code))
    return `unknown code ${String(r.error.code)}`;
  return typeof r.error.message === 'string' ? null : 'error without message';
}

describe('socket protocol fuzz', () => {
  it(`${CLIENT_RUNS} random events and payloads from socket.io clients`, async () => {
    const codes = new Map<string, number>();
    const problems: string[] = [];
    let sock: TestSocket | null = null;
    let sent = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(shots, async (shot) => {
        n++;
        if (n % 40 === 0) await postGood();
        // A fresh socket before the command budget (burst 20) runs out: the fuzz is of payloads, not of rate.
        if (!sock?.connected || sent >= 18) {
          sock?.disconnect();
          sock = await connect(server.url, { protocolVersion: PROTOCOL_VERSION });
          sent = 0;
        }
        const known = shot.event === 'feed:subscribe' || shot.event === 'ticks:subscribe';
        if (known) sent++;
        if (!shot.withAck || !known) {
          // biome-ignore lint/suspicious/noExplicitAny: random events are outside the typed map
          (sock.emit as any)(shot.event, ...shot.args);
          return;
        }
        try {
          // biome-ignore lint/suspicious/noExplicitAny: random payloads are outside the typed map
          const res: unknown = await (sock.timeout(5_000) as any).emitWithAck(shot.event, ...shot.args);
          const problem = ackShapeProblem(res);
          if (problem) problems.push(`${shot.event}: ${problem}`);
          const code = (res as { ok: boolean; error?: { code: string } }).ok
            ? 'ok'
            : ((res as { error: { code: string } }).error.code ?? '?');
          codes.set(code, (codes.get(code) ?? 0) + 1);
          // a well-formed first argument is the only way to an ok
          if ((res as { ok: boolean }).ok) expect(shot.args.length).toBeGreaterThan(0);
        } catch {
          if (process.env.FUZZ_DEBUG)
            console.log('no answer', sock.connected, JSON.stringify(shot).slice(0, 300));
          codes.set('no answer', (codes.get('no answer') ?? 0) + 1);
        }
      }),
      { seed: SEED, numRuns: CLIENT_RUNS, endOnFailure: true },
    );
    (sock as TestSocket | null)?.disconnect();
    console.log(
      `socket fuzz (seed ${SEED}, ${CLIENT_RUNS} cases), acks: ${[...codes].map(([c, k]) => `${c}×${k}`).join(' ')}`,
    );
    expect(problems).toEqual([]);
    expect(codes.get('BAD_REQUEST') ?? 0).toBeGreaterThan(100);
    expect(codes.get('no answer') ?? 0).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it(`${RAW_RUNS} raw engine.io / socket.io frames over a bare WebSocket`, async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
    let ws: WebSocket | null = null;
    let closes = 0;
    const open = async () => {
      const w = new WebSocket(wsUrl);
      w.on('error', () => {});
      w.on('close', () => {
        closes++;
      });
      await new Promise<void>((resolve) => {
        w.once('message', () => resolve()); // the engine.io open packet
        w.once('close', () => resolve());
      });
      if (w.readyState === WebSocket.OPEN) w.send('40');
      return w;
    };
    const frame = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .tuple(
          fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '40', '41', '42', '43', '44', '45', '46', '4x'),
          fc.string({ maxLength: 200 }),
        )
        .map(([a, b]) => a + b),
      fc
        .tuple(
          fc.constantFrom('feed:subscribe', 'ticks:subscribe', 'x', '__proto__', 'constructor'),
          payload,
          fc.nat({ max: 1e9 }),
        )
        .map(([e, p, id]) => `42${id}${JSON.stringify([e, p])}`),
      fc.constantFrom(
        '451-["feed:subscribe",{"_placeholder":true,"num":0}]',
        '451-1["feed:subscribe",{"_placeholder":true,"num":7}]',
        '45999999-["feed:subscribe",{"_placeholder":true,"num":0}]',
        '42999999999999999999999["feed:subscribe",{}]',
        '42["feed:subscribe",{"__proto__":{"polluted":1},"tickers":[]}]',
        '40/admin,',
        '40{"token":{"__proto__":{"polluted":1}}}',
        `42${'['.repeat(10_000)}${']'.repeat(10_000)}`,
        '4'.repeat(70_000),
      ),
      fc.uint8Array({ maxLength: 3_000 }).map((b) => Buffer.from(b)),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        n++;
        if (n % 50 === 0) await postGood();
        if (ws?.readyState !== WebSocket.OPEN) ws = await open();
        if (ws.readyState === WebSocket.OPEN) ws.send(f);
        // let the server read it before the next one
        if (n % 10 === 0) await new Promise((r) => setTimeout(r, 1));
      }),
      { seed: SEED, numRuns: RAW_RUNS, endOnFailure: true },
    );
    (ws as WebSocket | null)?.close();
    console.log(`raw frame fuzz (seed ${SEED}, ${RAW_RUNS} frames): the server closed ${closes} connections`);
    expect(closes).toBeGreaterThan(0);

    // the side client got every story posted during both fuzz runs, once each, in order
    await postGood();
    await waitUntil(() => seen.length >= posted.length, 'the observer to receive every story', 10_000);
    expect(seen.map((a) => a.seq)).toEqual(posted);
    expect(observer.connected).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // and a new client still connects and subscribes
    const late = await connect(server.url, { protocolVersion: PROTOCOL_VERSION });
    const ack = await late.timeout(5_000).emitWithAck('feed:subscribe', { tickers: ['AAPL'] });
    expect(ack.ok).toBe(true);
  }, 120_000);
});
