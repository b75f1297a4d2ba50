import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Article, ArticlePage, HealthResponse } from '../../shared/index.js';
import {
  collectArticles,
  connect,
  disconnectAll,
  getJson,
  makeArticle,
  postArticle,
  waitUntil,
} from '../support/client.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { startServer, type TestServer } from '../support/server.js';

let pg: TestPostgres;
const servers: TestServer[] = [];

beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterEach(async () => {
  disconnectAll();
  for (const s of servers.splice(0)) await s.close();
});
afterAll(async () => {
  await pg?.stop();
}, 60_000);

async function start(databaseUrl: string): Promise<TestServer> {
  const server = await startServer({ env: { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '4' } });
  servers.push(server);
  return server;
}

describe('the server on Postgres (DATABASE_URL)', () => {
  it('reports the store in health, and a restart on the same database resumes a client with nothing lost', async () => {
    const db = await pg.createDatabase();
    const first = await start(db);
    const health = await getJson<HealthResponse>(`${first.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', store: 'postgres', storeReady: true, latestSeq: 0 });

    const observer = await connect(first.url, { lastSeq: 0 });
    const live = collectArticles(observer);
    const posted: Article[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await postArticle(
        first.url,
        first.token,
        makeArticle({ tickers: i % 2 ? ['NVDA'] : ['AAPL'] }),
      );
      expect(res.status).toBe(201);
      posted.push(res.body as Article);
    }
    expect(posted.map((a) => a.seq)).toEqual([1, 2, 3, 4, 5]);
    // A retry is the stored story, not a second one.
    const retry = await postArticle(first.url, first.token, {
      headline: 'retried',
      source: posted[0]?.source,
      externalId: posted[0]?.externalId,
    });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(posted[0]?.id);
    await waitUntil(() => live.length === 5, 'the live stories');
    // This client last saw seq 3 (say its tab slept) when the server went away.
    const lastSeq = 3;
    disconnectAll();
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    // A new process with a fresh data folder: everything it knows comes from Postgres.
    const second = await start(db);
    const later: Article[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await postArticle(second.url, second.token, makeArticle({ tickers: ['MSFT'] }));
      expect(res.status).toBe(201);
      later.push(res.body as Article);
    }
    expect(later.map((a) => a.seq)).toEqual([6, 7]);
    const resumed: Article[] = [];
    const socket = await connect(second.url, { lastSeq }, (s) => {
      s.on('article:published', (a) => resumed.push(a));
    });
    await waitUntil(() => resumed.length >= 4, 'the replay after the restart');
    expect(resumed.map((a) => a.seq)).toEqual([4, 5, 6, 7]);
    expect(resumed.map((a) => a.id)).toEqual([...posted.slice(3), ...later].map((a) => a.id));
    // Still live after the replay.
    const next = await postArticle(second.url, second.token, makeArticle());
    await waitUntil(() => resumed.length === 5, 'a live story after the replay');
    expect(resumed[4]?.seq).toBe(8);
    expect(resumed[4]?.id).toBe(next.body.id);
    socket.disconnect();
    const page = await getJson<ArticlePage>(`${second.url}/api/articles?limit=50`);
    expect(page.body.articles.map((a) => a.seq)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(page.body.latestSeq).toBe(8);
  });
});
