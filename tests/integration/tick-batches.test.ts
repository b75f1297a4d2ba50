import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Tick } from '../../shared/index.js';
import { command, connect, disconnectAll, type TestSocket, waitUntil } from '../support/client.js';
import { ScriptedTickSource } from '../support/scripted-ticks.js';
import { startServer, type TestServer } from '../support/server.js';

// A client that keeps up gets every tick of its symbols, oldest first, in one batch per interval;
// past TICK_BATCH_MAX_PER_SYMBOL ticks of a symbol in one interval, the batch keeps the first ones
// and ends on the latest price.
const MAX = 4;
let server: TestServer;
const source = new ScriptedTickSource();

beforeAll(async () => {
  server = await startServer({
    tickSource: source,
    env: { STORE: 'memory', TICK_BATCH_MAX_PER_SYMBOL: String(MAX) },
  });
});
afterEach(() => disconnectAll());
afterAll(async () => {
  await server?.close();
});

async function watcher(symbols: string[]): Promise<{ socket: TestSocket; batches: Tick[][] }> {
  const socket = await connect(server.url);
  const batches: Tick[][] = [];
  socket.on('ticks:batch', (b) => batches.push(b.ticks));
  expect(await command(socket, 'ticks:subscribe', { symbols })).toMatchObject({ ok: true });
  return { socket, batches };
}

let clock = Date.now();
/** Pushes ticks (all in one turn of the event loop, so into one flush); returns them. */
function push(symbol: string, prices: number[]): Tick[] {
  return prices.map((p) => {
    clock += 7;
    source.push(symbol, p, clock);
    return { s: symbol, p, t: clock };
  });
}

it('delivers every tick of the watched symbols, in order, and none of the others', async () => {
  const { batches } = await watcher(['QBA', 'QBB']);
  const sent: Tick[] = [];
  for (let round = 0; round < 4; round++) {
    sent.push(...push('QBA', [10 + round, 10.5 + round, 10.25 + round]));
    sent.push(...push('QBB', [20 + round, 20.5 + round]));
    push('QBC', [30 + round]);
    await new Promise((r) => setTimeout(r, 150));
  }
  const of = (s: string, list: Tick[]) => list.filter((t) => t.s === s);
  await waitUntil(() => batches.flat().length >= sent.length, 'every tick');
  const got = batches.flat();
  expect(of('QBA', got)).toEqual(of('QBA', sent));
  expect(of('QBB', got)).toEqual(of('QBB', sent));
  expect(of('QBC', got)).toEqual([]);
  // Several ticks of a symbol share a batch: they are batched, not sent one by one.
  expect(batches.some((b) => of('QBA', b).length === 3)).toBe(true);
});

it('bounds a symbol in one batch and ends it on the latest price; a late tick is dropped', async () => {
  const { batches } = await watcher(['QBD']);
  const burst = push('QBD', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  await waitUntil(() => batches.length >= 1, 'a batch');
  const first = batches.flat();
  expect(first).toHaveLength(MAX);
  expect(first.slice(0, MAX - 1)).toEqual(burst.slice(0, MAX - 1));
  expect(first[MAX - 1]).toEqual(burst[burst.length - 1]);
  // A tick stamped before the latest one sent never reaches a client; a newer one does.
  source.push('QBD', 99, clock - 1_000);
  const next = push('QBD', [11]);
  await waitUntil(() => batches.length >= 2, 'a second batch');
  expect(batches.slice(1).flat()).toEqual(next);
});
