/**
 * The Socket.IO reference for story latency: a bare node:http server with a bare Socket.IO server on
 * the same port, nothing of Tickerwire. POST /broadcast parses the body and sends it as
 * article:published to every client with one io.emit (Socket.IO encodes a broadcast once), then
 * answers 201, as the bare ws baseline does. Its clients are the bench's Socket.IO clients, so it
 * acknowledges their feed:subscribe and ticks:subscribe. It separates what Socket.IO itself costs on
 * this machine (server and clients) from what Tickerwire adds. Prints {url, createMs} as one JSON
 * line on stdout; answers usage probes over IPC.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { answerProbes, exitWhenTold } from './child-runtime.js';
import { readBody, sendJson } from './http.js';
import type { ReadyLine } from './messages.js';

const started = performance.now();

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (req.method === 'POST' && req.url === '/broadcast') {
    io.emit('article:published', JSON.parse(body.toString('utf8')));
    return sendJson(res, 201, '{"ok":true}');
  }
  sendJson(res, 404, '{"error":"not found"}');
}

const http = createServer((req, res) => {
  handle(req, res).catch(() => sendJson(res, 500, '{"error":"internal"}'));
});
// The same engine settings as the Tickerwire server in the bench (bench/servers.ts).
const io = new Server(http, {
  serveClient: false,
  pingInterval: 25_000,
  pingTimeout: 60_000,
  maxHttpBufferSize: 64 * 1024,
});
type Ack = (reply: { ok: true }) => void;
io.on('connection', (socket) => {
  for (const event of ['feed:subscribe', 'ticks:subscribe'])
    socket.on(event, (_payload: unknown, ack?: Ack) => ack?.({ ok: true }));
});
exitWhenTold(async () => {
  await new Promise<void>((resolve) => io.close(() => resolve()));
});
answerProbes();
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const { port } = http.address() as AddressInfo;
const ready: ReadyLine = { url: `http://127.0.0.1:${port}`, createMs: performance.now() - started };
process.stdout.write(`${JSON.stringify(ready)}\n`);
