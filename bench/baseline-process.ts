/**
 * The baseline: a bare node:http server with a bare `ws` WebSocket server on the same port.
 *   POST /broadcast      sends the request body (serialised once) to every WebSocket client, then 201
 *   POST /api/articles   parses the JSON body and answers 201 with it plus an id and seq (HTTP floor);
 *                        with ?durable=1 it first appends the body to a file and fdatasyncs it
 *   PUT|GET /body/:name  stores a body, then serves it as is (HTTP floor for a response of that size)
 * argv[2]: {dataDir} for that file. Prints {url, createMs} as one JSON line on stdout; answers
 * memory probes over IPC.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from 'ws';
import { answerProbes, childArg, exitWhenTold } from './child-runtime.js';
import { readBody, sendJson } from './http.js';
import type { ReadyLine } from './messages.js';

const started = performance.now();
const { dataDir } = childArg<{ dataDir: string }>();
const log = openSync(join(dataDir, 'stories.log'), 'a');
const bodies = new Map<string, Buffer>();
let seq = 0;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = req.url ?? '/';
  if (req.method === 'POST' && url === '/broadcast') {
    for (const client of wss.clients)
      if (client.readyState === WebSocket.OPEN) client.send(body, { binary: false });
    return sendJson(res, 201, '{"ok":true}');
  }
  if (req.method === 'POST' && url.startsWith('/api/articles')) {
    if (url.endsWith('?durable=1')) {
      writeSync(log, body);
      fdatasyncSync(log);
    }
    const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return sendJson(
      res,
      201,
      JSON.stringify({ id: randomUUID(), seq: ++seq, ...input, receivedAt: Date.now() }),
    );
  }
  const named = /^\/body\/([\w-]+)$/.exec(url)?.[1];
  if (named && req.method === 'PUT') {
    bodies.set(named, body);
    return sendJson(res, 204, '');
  }
  const stored = named ? bodies.get(named) : undefined;
  if (stored && req.method === 'GET') return sendJson(res, 200, stored);
  sendJson(res, 404, '{"error":"not found"}');
}

const http = createServer((req, res) => {
  handle(req, res).catch(() => sendJson(res, 500, '{"error":"internal"}'));
});
const wss = new WebSocketServer({ server: http });
exitWhenTold(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => http.close(() => resolve()));
  closeSync(log);
});
answerProbes();
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const { port } = http.address() as AddressInfo;
const ready: ReadyLine = { url: `http://127.0.0.1:${port}`, createMs: performance.now() - started };
process.stdout.write(`${JSON.stringify(ready)}\n`);
