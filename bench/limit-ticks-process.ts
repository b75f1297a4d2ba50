/**
 * The limit of the batched design on this machine: a bare node:http + `ws` server (no Socket.IO,
 * no engine.io) running the same tick design as Tickerwire: each client sends the symbols it
 * watches as its first message, the ticks since the last frame are kept per symbol (at most
 * TICK_BATCH_MAX_PER_SYMBOL, the newest replacing the last past it; a late tick dropped) and every
 * 100 ms each group of clients watching the same symbols gets one frame, serialised once for the
 * group and written to each client: one write per client per interval, nothing else. The source ticks while the parent
 * says so (start-ticks, pause-ticks). argv[2]: {ticksPerSecond}. Prints {url, createMs} on stdout;
 * answers usage and tick probes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { TICK_BATCH_MAX_PER_SYMBOL, TICK_FLUSH_MS, type Tick } from '../shared/index.js';
import { answerProbes, childArg, exitWhenTold } from './child-runtime.js';
import type { ReadyLine } from './messages.js';
import { answerTickProbes, BenchTickSource } from './tick-generator.js';

const started = performance.now();
const { ticksPerSecond } = childArg<{ ticksPerSecond: number }>();
const http = createServer();
const wss = new WebSocketServer({ server: http });
/** Watch-set key -> its symbols and clients. */
const groups = new Map<string, { symbols: Set<string>; clients: Set<WebSocket> }>();

wss.on('connection', (ws) => {
  ws.once('message', (data) => {
    let symbols: string[] = [];
    try {
      const parsed: unknown = JSON.parse(String(data));
      if (Array.isArray(parsed)) symbols = parsed.filter((s): s is string => typeof s === 'string');
    } catch {
      return ws.close(1003, 'expected a JSON array of symbols');
    }
    const key = [...new Set(symbols)].sort().join(',');
    let group = groups.get(key);
    if (!group) {
      group = { symbols: new Set(symbols), clients: new Set() };
      groups.set(key, group);
    }
    group.clients.add(ws);
    const joined = group;
    ws.on('close', () => joined.clients.delete(ws));
    ws.send('"subscribed"');
  });
});

let pending = new Map<string, Tick[]>();
const latest = new Map<string, number>();
function offer(tick: Tick): void {
  if (tick.t < (latest.get(tick.s) ?? Number.NEGATIVE_INFINITY)) return;
  latest.set(tick.s, tick.t);
  const list = pending.get(tick.s);
  if (!list) pending.set(tick.s, [tick]);
  else if (list.length < TICK_BATCH_MAX_PER_SYMBOL) list.push(tick);
  else list[list.length - 1] = tick;
}
const flush = setInterval(() => {
  if (pending.size === 0) return;
  const due = pending;
  pending = new Map();
  for (const { symbols, clients } of groups.values()) {
    if (clients.size === 0) continue;
    const ticks: Tick[] = [];
    for (const s of symbols) for (const t of due.get(s) ?? []) ticks.push(t);
    if (ticks.length === 0) continue;
    const frame = JSON.stringify({ ticks });
    for (const c of clients) if (c.readyState === WebSocket.OPEN) c.send(frame);
  }
}, TICK_FLUSH_MS);

const source = new BenchTickSource(ticksPerSecond);
source.start(offer);
exitWhenTold(async () => {
  clearInterval(flush);
  source.stop();
  for (const c of wss.clients) c.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => http.close(() => resolve()));
});
answerProbes();
answerTickProbes(source);
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const { port } = http.address() as AddressInfo;
const ready: ReadyLine = { url: `http://127.0.0.1:${port}`, createMs: performance.now() - started };
process.stdout.write(`${JSON.stringify(ready)}\n`);
