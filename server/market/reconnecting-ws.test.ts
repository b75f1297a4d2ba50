import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../tests/support/client.js';
import { FakeWsServer } from '../../tests/support/fakes/fake-ws-server.js';
import { createLogger } from '../logger.js';
import { type ConnectionDown, ReconnectingWebSocket } from './reconnecting-ws.js';

const logger = createLogger('silent');
let server: FakeWsServer | undefined;
let rws: ReconnectingWebSocket | undefined;
afterEach(async () => {
  rws?.stop();
  await server?.close();
});

function connectTo(url: string, opts: { silenceMs?: number; clientPingMs?: number; wait?: number } = {}) {
  const downs: ConnectionDown[] = [];
  const messages: string[] = [];
  let opens = 0;
  rws = new ReconnectingWebSocket({
    name: 'Test',
    url: () => `${url}?token=secret`,
    logUrl: url,
    backoff: { minDelayMs: 20, maxDelayMs: 40 },
    silenceMs: opts.silenceMs ?? 10_000,
    clientPingMs: opts.clientPingMs,
    logger,
    onOpen: () => opens++,
    onMessage: (text) => messages.push(text),
    onDown: (down) => {
      downs.push(down);
      return opts.wait;
    },
  });
  rws.start();
  return { downs, messages, opens: () => opens };
}

describe('ReconnectingWebSocket', () => {
  it('comes back after the server drops it, and after a refused upgrade', async () => {
    let refuse = false;
    server = await FakeWsServer.start({
      refuse: () => (refuse ? 401 : null),
      onConnection: (ws) => ws.send('hi'),
    });
    const c = connectTo(server.url);
    await waitUntil(() => c.messages.length === 1, 'the first message');
    refuse = true;
    server.dropAll();
    await waitUntil(() => c.downs.length >= 2, 'a refused attempt');
    expect(c.downs.slice(0, 2)).toEqual([
      { reason: 'closed', code: 1006, wasOpen: true },
      { reason: 'http', status: 401, wasOpen: false },
    ]);
    refuse = false;
    await waitUntil(() => c.messages.length === 2, 'a message on a new connection');
    expect(rws?.isOpen).toBe(true);
  });

  it('waits as long as the owner asks', async () => {
    server = await FakeWsServer.start({});
    const c = connectTo(server.url, { wait: 400 });
    await waitUntil(() => c.opens() === 1, 'open');
    rws?.restart('owner');
    await new Promise((r) => setTimeout(r, 250));
    expect(server.connections).toBe(1);
    await waitUntil(() => server?.connections === 2, 'the second connection', 2_000);
    expect(c.downs).toEqual([{ reason: 'owner', wasOpen: true }]);
  });

  it('keeps a quiet link that answers pings, and replaces one that stops answering', async () => {
    server = await FakeWsServer.start({});
    const c = connectTo(server.url, { silenceMs: 300, clientPingMs: 100 });
    await waitUntil(() => c.opens() === 1, 'open');
    await new Promise((r) => setTimeout(r, 600));
    expect(c.downs).toEqual([]);
    server.silenceAll();
    await waitUntil(() => c.downs.length === 1, 'the silence noticed');
    expect(c.downs[0]).toEqual({ reason: 'silence', wasOpen: true });
    await waitUntil(() => c.opens() === 2, 'a new connection');
  });

  it('stops for good', async () => {
    server = await FakeWsServer.start({});
    const c = connectTo(server.url);
    await waitUntil(() => c.opens() === 1, 'open');
    rws?.stop();
    await waitUntil(() => server?.openConnections === 0, 'closed');
    await new Promise((r) => setTimeout(r, 100));
    expect(server.connections).toBe(1);
    expect(c.downs).toEqual([]);
  });
});
