/**
 * The naive tick baseline: a bare Socket.IO server where a client's `ticks:subscribe` joins one
 * room per symbol, and every tick from the bench tick source is emitted at once as its own `tick`
 * message to that symbol's room: one message per tick per client, no conflation, no batching.
 * The source ticks while the parent says so (start-ticks, pause-ticks). argv[2]: {ticksPerSecond}. Prints {url, createMs} on stdout; answers usage and tick probes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Tick } from '../shared/index.js';
import { answerProbes, childArg, exitWhenTold } from './child-runtime.js';
import type { ReadyLine } from './messages.js';
import { answerTickProbes, BenchTickSource } from './tick-generator.js';

const started = performance.now();
const { ticksPerSecond } = childArg<{ ticksPerSecond: number }>();
const http = createServer();
const io = new Server<
  { 'ticks:subscribe': (p: { symbols: string[] }, ack: (r: { ok: true }) => void) => void },
  { tick: (t: Tick) => void }
>(http, { transports: ['websocket'] });
io.on('connection', (socket) => {
  socket.on('ticks:subscribe', (p, ack) => {
    if (Array.isArray(p?.symbols)) socket.join(p.symbols.filter((s) => typeof s === 'string'));
    if (typeof ack === 'function') ack({ ok: true });
  });
});
const source = new BenchTickSource(ticksPerSecond);
source.start((tick) => io.to(tick.s).emit('tick', tick));
exitWhenTold(async () => {
  source.stop();
  await io.close();
});
answerProbes();
answerTickProbes(source);
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const { port } = http.address() as AddressInfo;
const ready: ReadyLine = { url: `http://127.0.0.1:${port}`, createMs: performance.now() - started };
process.stdout.write(`${JSON.stringify(ready)}\n`);
