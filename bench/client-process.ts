/**
 * Connects argv[2].count clients (socket.io subscribed to every story, raw ws, or clients of the
 * naive tick baseline) and records, for every story seq, when each client received it (nowMs, after
 * decoding), and for every price it gets the age of the newest tick of that symbol in the frame
 * (Date.now() at receipt minus the tick's time, the same machine clock the source stamped it with). Tells the parent when a seq reached every client;
 * hands over and clears the receipts and tick counts on 'report'.
 */
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { ClientToServerEvents, ServerToClientEvents, Tick } from '../shared/index.js';
import { answerProbes, childArg, exitWhenTold, onParentMessage, sendToParent } from './child-runtime.js';
import { nowMs } from './clock.js';
import type { ClientJob } from './messages.js';
import { watchSetOf } from './tick-generator.js';

const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 90_000;

const job = childArg<ClientJob>();
const receipts = new Map<number, number[]>();
const closers: (() => void)[] = [];
let disconnects = 0;
let otherMessages = 0;
let reactionBytes = 0;
let closing = false;
let ticks = 0;
let tickFrames = 0;
let tickAges: Record<string, number> = {};

/**
 * Counts a frame's ticks, and the age of each symbol's newest price in it: a frame may carry several
 * ticks of a symbol, oldest first, and only the newest is the price the client shows.
 */
function receiveTicks(frame: readonly Tick[], at: number): void {
  ticks += frame.length;
  const newest = new Map<string, number>();
  for (const t of frame) if (t.t >= (newest.get(t.s) ?? Number.NEGATIVE_INFINITY)) newest.set(t.s, t.t);
  for (const t of newest.values()) {
    const age = Math.max(0, Math.round(at - t));
    tickAges[age] = (tickAges[age] ?? 0) + 1;
  }
}

function watchedBy(index: number): string[] | null {
  return job.watch ? watchSetOf(job.watch.firstIndex + index, job.watch.perClient) : null;
}

function receive(seq: number, at: number): void {
  let times = receipts.get(seq);
  if (!times) {
    times = [];
    receipts.set(seq, times);
  }
  times.push(at);
  if (times.length === job.count) sendToParent({ type: 'complete', seq });
}

async function connectSocketIo(url: string, index: number): Promise<void> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: CONNECT_TIMEOUT_MS,
  });
  closers.push(() => socket.disconnect());
  socket.on('article:published', (article) => receive(article.seq, nowMs()));
  socket.on('ticks:batch', (batch) => {
    if (!job.watch) return void otherMessages++;
    tickFrames++;
    receiveTicks(batch.ticks, Date.now());
  });
  socket.on('server:heartbeat', () => otherMessages++);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  // Socket.IO packets as received (before parsing): the size of each reactions:updated frame.
  socket.io.engine.on('data', (data: unknown) => {
    if (typeof data === 'string' && data.startsWith('2["reactions:updated"')) reactionBytes += data.length;
  });
  socket.on('disconnect', () => {
    if (!closing) disconnects++;
  });
  const symbols = watchedBy(index);
  // A client without a filter in its handshake already follows every story; latency clients wait
  // for the subscription to be acknowledged, tick clients for their ticks:subscribe.
  if (!symbols) {
    const ack = await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('feed:subscribe', { tickers: [] });
    if (!ack.ok) throw new Error(`feed:subscribe refused: ${ack.error.message}`);
    // Stories only, as the baseline's clients: a client that never asks for ticks would get every
    // symbol's (its feed is unfiltered). Story latency with ticks flowing is measured in the ticks section.
    const none = await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('ticks:subscribe', { symbols: [] });
    if (!none.ok) throw new Error(`ticks:subscribe refused: ${none.error.message}`);
  } else {
    const res = await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('ticks:subscribe', { symbols });
    if (!res.ok) throw new Error(`ticks:subscribe refused: ${res.error.message}`);
  }
}

interface NaiveEvents {
  tick: (t: Tick) => void;
}
interface NaiveCommands {
  'ticks:subscribe': (p: { symbols: string[] }, ack: (r: { ok: true }) => void) => void;
}

async function connectNaive(url: string, index: number): Promise<void> {
  const socket: Socket<NaiveEvents, NaiveCommands> = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: CONNECT_TIMEOUT_MS,
  });
  closers.push(() => socket.disconnect());
  socket.on('tick', (t) => {
    tickFrames++;
    receiveTicks([t], Date.now());
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  socket.on('disconnect', () => {
    if (!closing) disconnects++;
  });
  await socket
    .timeout(CONNECT_TIMEOUT_MS)
    .emitWithAck('ticks:subscribe', { symbols: watchedBy(index) ?? [] });
}

async function connectWs(url: string, _index: number): Promise<void> {
  const ws = new WebSocket(url.replace(/^http/, 'ws'));
  closers.push(() => ws.terminate());
  ws.on('message', (data) => {
    const { seq } = JSON.parse(String(data)) as { seq: number };
    receive(seq, nowMs());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('close', () => {
    if (!closing) disconnects++;
  });
}

/** A client of the raw ws tick limit: sends its watch set, then gets {ticks} frames. */
async function connectWsTicks(url: string, index: number): Promise<void> {
  const ws = new WebSocket(url.replace(/^http/, 'ws'));
  closers.push(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const subscribed = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  ws.send(JSON.stringify(watchedBy(index) ?? []));
  await subscribed;
  ws.on('message', (data) => {
    const batch = JSON.parse(String(data)) as { ticks: Tick[] };
    tickFrames++;
    receiveTicks(batch.ticks, Date.now());
  });
  ws.on('close', () => {
    if (!closing) disconnects++;
  });
}

const CONNECTORS: Record<ClientJob['kind'], (url: string, index: number) => Promise<void>> = {
  socketio: connectSocketIo,
  naive: connectNaive,
  ws: connectWs,
  'ws-ticks': connectWsTicks,
};

async function connectAll(): Promise<void> {
  const connect = CONNECTORS[job.kind];
  let next = 0;
  const worker = async () => {
    while (next < job.count) {
      const index = next++;
      await connect(job.url, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, job.count) }, worker));
}

exitWhenTold(() => {
  closing = true;
  for (const close of closers) close();
});
answerProbes();
onParentMessage((msg) => {
  if (msg.type !== 'report') return;
  sendToParent({
    type: 'report',
    receipts: Object.fromEntries(receipts),
    disconnects,
    otherMessages,
    reactionBytes,
    ticks,
    tickAges,
    tickFrames,
  });
  receipts.clear();
  otherMessages = 0;
  reactionBytes = 0;
  ticks = 0;
  tickFrames = 0;
  tickAges = {};
});

const started = nowMs();
connectAll().then(
  () => sendToParent({ type: 'ready', connected: job.count, connectMs: nowMs() - started }),
  (err: unknown) => sendToParent({ type: 'failed', message: `connecting clients failed: ${String(err)}` }),
);
