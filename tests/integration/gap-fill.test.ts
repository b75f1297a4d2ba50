import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, MAX_RESUME_ARTICLES } from '../../shared/index.js';
import { makeArticle, postArticle, waitUntil } from '../support/client.js';
import { FaultProxy } from '../support/fault-proxy.js';
import { FeedClient } from '../support/feed-client.js';
import { startServer, type TestServer } from '../support/server.js';

// A client whose connection stays up but loses a story on the way (the proxy drops that one
// WebSocket frame) notices it from the next story's seq or from the heartbeat, and asks again.

let server: TestServer;
const proxies: FaultProxy[] = [];
const clients: FeedClient[] = [];
let observer: FeedClient;

/** A client behind its own proxy, so a frame can be dropped for it alone. */
async function clientBehindProxy(tickers?: string[]): Promise<{ client: FeedClient; proxy: FaultProxy }> {
  const proxy = new FaultProxy(Number(new URL(server.url).port));
  proxies.push(proxy);
  const url = await proxy.listen();
  proxy.dropFrames({ match: () => false, count: 0 });
  const client = new FeedClient(url, { tickers });
  clients.push(client);
  await client.connected();
  return { client, proxy };
}

const dropStory = (proxy: FaultProxy, headline: string, count = 1) =>
  proxy.dropFrames({
    match: (text) => text.includes('"article:published"') && text.includes(headline),
    count,
  });

let n = 0;
async function post(tickers: string[] = ['SPY'], headline = `Gap story ${++n}`): Promise<number> {
  const res = await postArticle(server.url, server.token, makeArticle({ headline, tickers }));
  expect(res.status).toBe(201);
  return res.body.seq as number;
}

beforeAll(async () => {
  server = await startServer({ env: { STORE: 'memory', INGEST_RATE_PER_MINUTE: '1000000' } });
  observer = new FeedClient(server.url);
  clients.push(observer);
  await observer.connected();
});

afterAll(async () => {
  for (const c of clients) c.close();
  for (const p of proxies) await p.close();
  await server?.close();
});

describe('a story lost while the connection stays up', () => {
  it('is seen from the next story and filled in, once, in order', async () => {
    const { client, proxy } = await clientBehindProxy();
    await post();
    await waitUntil(() => client.cursor.complete === 1, 'the first story');
    dropStory(proxy, 'Lost in the middle');
    await post(['SPY'], 'Lost in the middle');
    const last = await post();
    await waitUntil(() => client.cursor.complete === last, 'the lost story filled in', 5_000);
    expect(proxy.dropped).toBe(1);
    expect(client.resumes).toBeGreaterThanOrEqual(1);
    expect(client.seqs()).toEqual([1, 2, 3]);
    expect(client.stories.get(2)?.headline).toBe('Lost in the middle');
    expect(client.reloads + client.resets).toBe(0);
  });

  it('is seen from the heartbeat when it was the last one', async () => {
    const { client, proxy } = await clientBehindProxy();
    const before = client.cursor.complete;
    dropStory(proxy, 'Lost at the end');
    const seq = await post(['SPY'], 'Lost at the end');
    await waitUntil(() => client.cursor.complete === seq, 'the heartbeat to reveal it', HEARTBEAT_MS * 3);
    expect(proxy.dropped).toBe(1);
    expect(client.seqs().filter((s) => s > before)).toEqual([seq]);
  });

  it('with a ticker filter, is filled from the heartbeat (seqs of a filter are not dense)', async () => {
    const { client, proxy } = await clientBehindProxy(['NVDA']);
    const first = await post(['NVDA']);
    await post(['AAPL']);
    await waitUntil(() => client.stories.has(first), 'the first NVDA story');
    dropStory(proxy, 'NVDA story lost');
    const lost = await post(['NVDA'], 'NVDA story lost');
    await post(['AAPL']);
    const next = await post(['NVDA']);
    await waitUntil(
      () => client.stories.has(lost) && client.cursor.complete >= next,
      'the filtered story filled in',
      HEARTBEAT_MS * 3,
    );
    expect(proxy.dropped).toBe(1);
    expect(client.seqs()).toEqual([first, lost, next]);
    expect([...client.stories.values()].every((a) => a.tickers.some((t) => t.symbol === 'NVDA'))).toBe(true);
  });

  it('a gap older than the server replays ends in feed:reset and a full reload', async () => {
    const { client, proxy } = await clientBehindProxy();
    // Every story of the flood is lost, and the heartbeats with them, until the flood is over.
    proxy.dropFrames({
      match: (text) => text.includes('Flood') || text.includes('"server:heartbeat"'),
      count: Number.POSITIVE_INFINITY,
    });
    const from = client.cursor.complete;
    let last = 0;
    const flood = MAX_RESUME_ARTICLES + 5;
    for (let i = 0; i < flood; i++) last = await post(['SPY'], `Flood ${i}`);
    expect(client.cursor.complete).toBe(from);
    proxy.dropFrames({ match: () => false, count: 0 });
    await waitUntil(
      () => client.resets >= 1 && client.cursor.complete >= last,
      'the reload',
      HEARTBEAT_MS * 3,
    );
    expect(proxy.dropped).toBeGreaterThanOrEqual(flood);
    // The reload holds the whole log (as the app's REST snapshot would, page by page).
    expect(client.seqs()).toEqual(Array.from({ length: last }, (_, i) => i + 1));
  }, 60_000);

  it('the client that lost nothing got every story once, in order, with no resume', () => {
    const want = Array.from({ length: observer.cursor.complete }, (_, i) => i + 1);
    expect(observer.arrivals).toEqual(want);
    expect(observer.resumes).toBe(0);
  });
});
