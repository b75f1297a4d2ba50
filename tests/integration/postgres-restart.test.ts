import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, Article, ArticlePage, HealthResponse } from '../../shared/index.js';
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
import { freePort, type ServerProcess, spawnServer } from '../support/server-process.js';

let pg: TestPostgres;
const token = 'pg-restart-test-token-0123456789';

beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  disconnectAll();
  await pg?.stop();
}, 60_000);

describe('Postgres restarting under a running server', () => {
  // With TEST_DATABASE_URL the server is not ours to stop: this test needs a private one.
  it.skipIf(!!process.env.TEST_DATABASE_URL)(
    'answers 503 while the database is down, never crashes, and works again once it is back',
    async () => {
      const db = await pg.createDatabase();
      const dataDir = mkdtempSync(join(tmpdir(), 'tw-pg-restart-'));
      let server: ServerProcess | null = null;
      try {
        server = await spawnServer(
          { DATABASE_URL: db, INGEST_TOKEN: token, DATA_DIR: dataDir },
          await freePort(),
        );
        const { url } = server;
        const first = await postArticle(url, token, makeArticle({ tickers: ['AAPL'] }));
        expect(first.status).toBe(201);
        expect(first.body.seq).toBe(1);
        const observer = await connect(url, { lastSeq: 1 });
        const live = collectArticles(observer);
        // Why the observer's link dropped, if it did (it resumes from seq 1 and gets the story anyway).
        const drops: string[] = [];
        observer.on('disconnect', (reason) => drops.push(reason));

        await pg.halt();
        const beats: number[] = [];
        observer.on('server:heartbeat', (h) => beats.push(h.latestSeq));
        const health = await getJson<HealthResponse>(`${url}/api/health`);
        expect(health.status).toBe(503);
        expect(health.body).toMatchObject({
          status: 'unavailable',
          store: 'postgres',
          storeReady: false,
          latestSeq: null,
        });
        const refused = makeArticle({ tickers: ['MSFT'] });
        // Several attempts while the periodic work (bar flushes, reactions) fails in the background.
        for (let i = 0; i < 8; i++) {
          const res = await postArticle(url, token, refused);
          expect(res.status).toBe(503);
          expect((res.body.error as ApiError).code).toBe('UNAVAILABLE');
          const list = await fetch(`${url}/api/articles`);
          expect(list.status).toBe(503);
          await new Promise((r) => setTimeout(r, 250));
        }
        // The link stays alive: heartbeats go on, with the last seq the store gave (never more than the truth).
        await waitUntil(() => beats.length > 0, 'a heartbeat while the database is down', 15_000);
        expect(beats[0]).toBeGreaterThanOrEqual(0);
        expect(beats[0]).toBeLessThanOrEqual(1);
        expect(server.child.exitCode).toBeNull();
        expect(observer.connected).toBe(true);

        await pg.resume();
        let status = 0;
        await waitUntil(
          () => status === 200,
          'health to recover',
          30_000,
          async () => {
            status = (await fetch(`${url}/api/health`)).status;
          },
        );
        // The refused story was never stored: it is new now, and takes the next seq (none was lost).
        const retried = await postArticle(url, token, refused);
        expect(retried.status).toBe(201);
        expect(retried.body.seq).toBe(2);
        await waitUntil(
          () => live.length >= 1,
          'the story pushed after the database came back',
          20_000,
        ).catch((err: Error) => {
          throw new Error(`${err.message} (observer disconnects: ${drops.join(', ') || 'none'})`);
        });
        expect(live).toHaveLength(1);
        expect((live[0] as Article).id).toBe(retried.body.id);
        const page = await getJson<ArticlePage>(`${url}/api/articles`);
        expect(page.body.articles.map((a) => a.seq)).toEqual([2, 1]);

        disconnectAll();
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
        server = null;
      } finally {
        if (server && server.child.exitCode === null) {
          server.child.kill('SIGKILL');
          await server.exited;
        }
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
