import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/index.js';
import { type TestSocket, waitUntil } from '../support/client.js';
import { postUntilAcknowledged, sharedPostgres, startCluster, type TestCluster } from '../support/cluster.js';
import { startNginx, type TestNginx } from '../support/nginx.js';

// The shipped deploy/nginx.conf in front of two nodes: what a browser behind it would do.
describe('behind nginx (deploy/nginx.conf)', () => {
  let cluster: TestCluster;
  let proxy: TestNginx;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2, store: await sharedPostgres() });
    proxy = await startNginx(cluster.urls);
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await proxy?.stop();
    await cluster?.stop();
  });

  const open = async (transports: ('polling' | 'websocket')[]) => {
    const got: Article[] = [];
    const socket: TestSocket = io(proxy.url, { transports, forceNew: true, reconnection: false });
    sockets.push(socket);
    socket.on('article:published', (a) => got.push(a));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, got };
  };

  it('carries long-polling upgraded to WebSocket, and WebSocket alone, to stories posted to any node', {
    timeout: 30_000,
  }, async () => {
    const upgraded = await open(['polling', 'websocket']);
    await waitUntil(
      () => upgraded.socket.io.engine.transport.name === 'websocket',
      'the upgrade to WebSocket',
    );
    const direct = await open(['websocket']);
    for (const [i, url] of cluster.urls.entries()) {
      await postUntilAcknowledged([url], 0, {
        headline: `Through the proxy ${i}`,
        source: 'nginx-test',
        externalId: `ngx-${i}`,
      });
    }
    await postUntilAcknowledged([proxy.url], 0, {
      headline: 'Posted through the proxy',
      source: 'nginx-test',
      externalId: 'ngx-p',
    });
    for (const c of [upgraded, direct]) {
      await waitUntil(() => c.got.length >= 3, 'three stories through nginx');
      expect(c.got.map((a) => a.seq)).toEqual([1, 2, 3]);
    }
  });

  it('keeps a quiet socket open past a ping interval, and answers health through the proxy', {
    timeout: 30_000,
  }, async () => {
    const quiet = await open(['polling', 'websocket']);
    const id = quiet.socket.id;
    await new Promise((r) => setTimeout(r, 12_000)); // the default ping interval is 10 s
    expect(quiet.socket.connected).toBe(true);
    expect(quiet.socket.id).toBe(id);
    const health = await fetch(`${proxy.url}/api/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { cluster?: { redis: string } }).cluster?.redis).toBe('up');
  });
});
