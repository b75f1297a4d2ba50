/**
 * Connects argv[2].count clients (socket.io subscribed to every story, or raw ws) and records,
 * for every story seq, when each client received it (nowMs, after decoding). Tells the parent
 * when a seq reached every client; hands over and clears the receipts on 'report'.
 */
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/index.js';
import { answerProbes, childArg, exitWhenTold, onParentMessage, sendToParent } from './child-runtime.js';
import { nowMs } from './clock.js';
import type { ClientJob } from './messages.js';

const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 30_000;

const job = childArg<ClientJob>();
const receipts = new Map<number, number[]>();
const closers: (() => void)[] = [];
let disconnects = 0;
let otherMessages = 0;
let closing = false;

function receive(seq: number, at: number): void {
  let times = receipts.get(seq);
  if (!times) {
    times = [];
    receipts.set(seq, times);
  }
  times.push(at);
  if (times.length === job.count) sendToParent({ type: 'complete', seq });
}

async function connectSocketIo(url: string): Promise<void> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: CONNECT_TIMEOUT_MS,
  });
  closers.push(() => socket.disconnect());
  socket.on('article:published', (article) => receive(article.seq, nowMs()));
  socket.on('ticks:batch', () => otherMessages++);
  socket.on('server:heartbeat', () => otherMessages++);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  socket.on('disconnect', () => {
    if (!closing) disconnects++;
  });
  const ack = await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('feed:subscribe', { tickers: [] });
  if (!ack.ok) throw new Error(`feed:subscribe refused: ${ack.error.message}`);
}

async function connectWs(url: string): Promise<void> {
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

async function connectAll(): Promise<void> {
  const connect = job.kind === 'socketio' ? connectSocketIo : connectWs;
  let next = 0;
  const worker = async () => {
    while (next < job.count) {
      next++;
      await connect(job.url);
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
  sendToParent({ type: 'report', receipts: Object.fromEntries(receipts), disconnects, otherMessages });
  receipts.clear();
  otherMessages = 0;
});

const started = nowMs();
connectAll().then(
  () => sendToParent({ type: 'ready', connected: job.count, connectMs: nowMs() - started }),
  (err: unknown) => sendToParent({ type: 'failed', message: `connecting clients failed: ${String(err)}` }),
);
