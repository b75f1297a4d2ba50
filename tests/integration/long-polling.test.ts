import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/index.js';
import { postArticle, type TestSocket, waitUntil } from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';

// Clients that cannot open a WebSocket at once (proxies, some networks) start with HTTP long-polling.
describe('Socket.IO over HTTP long-polling', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
  });

  for (const transports of [['polling'], ['polling', 'websocket']] as const) {
    it(`serves a client on ${transports.join(' then ')} and keeps serving`, async () => {
      const got: Article[] = [];
      const socket: TestSocket = io(server.url, {
        transports: [...transports],
        forceNew: true,
        reconnection: false,
      });
      sockets.push(socket);
      socket.on('article:published', (a) => got.push(a));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      if (transports.length === 2)
        await waitUntil(() => socket.io.engine.transport.name === 'websocket', 'the upgrade to WebSocket');
      const posted = await postArticle(server.url, server.token, {
        headline: `Over ${transports.join('+')}`,
        source: 'lp-test',
      });
      expect(posted.status).toBe(201);
      await waitUntil(() => got.length === 1, 'the story');
      expect(got[0]?.seq).toBe(posted.body.seq);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(socket.connected).toBe(true);
    });
  }
});
