import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, postArticle, type TestSocket, waitUntil } from '../support/client.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { startServer, type TestServer } from '../support/server.js';

const PING_INTERVAL = 400;
const PING_TIMEOUT = 400;
const CLIENTS = 5;

let server: TestServer;
let proxy: FaultProxy;
const sockets: TestSocket[] = [];
const received: number[][] = [];
const drops: { at: number; reason: string }[][] = [];

beforeAll(async () => {
  server = await startServer({
    env: {
      STORE: 'memory',
      SOCKET_PING_INTERVAL_MS: String(PING_INTERVAL),
      SOCKET_PING_TIMEOUT_MS: String(PING_TIMEOUT),
    },
  });
  proxy = new FaultProxy(Number(new URL(server.url).port));
  const viaProxy = await proxy.listen();
  for (let c = 0; c < CLIENTS; c++) {
    const seqs: number[] = [];
    const mine: { at: number; reason: string }[] = [];
    received.push(seqs);
    drops.push(mine);
    const socket: TestSocket = io(viaProxy, {
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      timeout: 1_500,
      auth: (cb) => cb(seqs.length ? { lastSeq: seqs[seqs.length - 1] } : {}),
    });
    socket.on('article:published', (a) => seqs.push(a.seq));
    socket.on('disconnect', (reason) => mine.push({ at: Date.now(), reason }));
    sockets.push(socket);
  }
  await waitUntil(() => sockets.every((s) => s.connected), 'every client connected');
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await proxy?.close();
  await server?.close();
});

let posted = 0;
const postSome = async (n: number) => {
  for (let i = 0; i < n; i++) {
    const res = await postArticle(
      server.url,
      server.token,
      makeArticle({ headline: `Fault story ${posted}` }),
    );
    expect(res.status).toBe(201);
    posted++;
  }
};
const everyoneHasAll = () => received.every((r) => r.length === posted);

describe('network faults between the clients and the server', () => {
  it('delivers through added latency', async () => {
    proxy.set({ kind: 'latency', ms: 150 });
    await postSome(5);
    await waitUntil(everyoneHasAll, 'the stories through a slow link');
    proxy.set({ kind: 'pass' });
  });

  it('notices a black-holed link by its heartbeat, reconnects, and gets what it missed', async () => {
    const before = drops.map((d) => d.length);
    const start = Date.now();
    proxy.set({ kind: 'blackhole' });
    await postSome(8);
    await waitUntil(
      () => drops.every((d, i) => d.length > (before[i] as number)),
      'every client to notice the dead link',
      10_000,
    );
    const detected = drops.map((d) => (d.at(-1)?.at ?? 0) - start);
    console.log(
      `black hole noticed after ${Math.min(...detected)}–${Math.max(...detected)} ms (heartbeat ${PING_INTERVAL} + ${PING_TIMEOUT} ms)`,
    );
    expect(drops.every((d) => d.at(-1)?.reason === 'ping timeout')).toBe(true);
    proxy.set({ kind: 'pass' });
    await waitUntil(everyoneHasAll, 'the missed stories after the link came back', 10_000);
  });

  it('reconnects after the connections are reset, and while new ones are refused for a while', async () => {
    proxy.set({ kind: 'refuse' });
    proxy.resetAll();
    await postSome(6);
    await new Promise((r) => setTimeout(r, 700));
    proxy.set({ kind: 'pass' });
    await postSome(3);
    await waitUntil(everyoneHasAll, 'every story after the resets', 10_000);
  });

  it('ends with every story exactly once, in order, at every client', () => {
    const want = Array.from({ length: posted }, (_, i) => i + 1);
    for (const r of received) expect(r).toEqual(want);
  });
});
