import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../tests/support/postgres.js';
import { PostgresStore } from './postgres-store.js';
import { draft, storeContract } from './store.contract.js';

let server: TestPostgres;
let url: string;

beforeAll(async () => {
  server = await startPostgres();
  url = await server.createDatabase();
}, 60_000);
afterAll(async () => {
  await server?.stop();
}, 60_000);

/** Empties every table and restarts the seq: each contract test begins on a clean database. */
async function cleanTables(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`TRUNCATE article_aliases, article_tickers, articles, bars;
      UPDATE article_seq SET last = 0`);
  } finally {
    await client.end();
  }
}

storeContract('postgres', async () => {
  const store = await PostgresStore.open({ url, poolSize: 4 });
  await cleanTables(url);
  return store;
});

describe('postgres store', () => {
  it('keeps stories and seq across a reopen, and records each migration once', async () => {
    const db = await server.createDatabase();
    const a = await PostgresStore.open({ url: db });
    await a.insertArticle(draft(1, ['AAPL']));
    await a.insertArticle(draft(2, ['MSFT']));
    await a.close();
    const b = await PostgresStore.open({ url: db });
    expect(await b.latestSeq()).toBe(2);
    expect((await b.insertArticle(draft(1, ['AAPL']))).created).toBe(false);
    expect((await b.insertArticle(draft(3, ['AAPL']))).article.seq).toBe(3);
    await b.close();
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    const { rows } = await client.query(
      'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version',
    );
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
  });

  it('migrates once when several nodes open a new database at the same moment', async () => {
    const db = await server.createDatabase();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => PostgresStore.open({ url: db, poolSize: 2 })),
    );
    try {
      const results = await Promise.all(stores.map((s, i) => s.insertArticle(draft(i + 1, ['AAPL']))));
      expect(results.map((r) => r.article.seq).sort()).toEqual([1, 2, 3, 4]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('gives one story to two nodes inserting the same key at once, and loses no seq', async () => {
    const [a, b] = await Promise.all([PostgresStore.open({ url }), PostgresStore.open({ url })]);
    await cleanTables(url);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      // Hold the writers' lock so both inserts get past their first look-up and queue behind it.
      await holder.query('BEGIN');
      await holder.query('SELECT last FROM article_seq FOR UPDATE');
      const racing = [a, b].map((s, i) => s.insertArticle({ ...draft(i + 1, ['AAPL']), dedupeKey: 'same' }));
      const waiting = async () =>
        (
          await holder.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        ).rows[0]?.n ?? 0;
      for (let i = 0; (await waiting()) < 2; i++) {
        if (i > 500) throw new Error('the two inserts never queued behind the lock');
        await new Promise((r) => setTimeout(r, 10));
      }
      await holder.query('COMMIT');
      const [ra, rb] = await Promise.all(racing);
      expect([ra?.created, rb?.created].sort()).toEqual([false, true]);
      expect(ra?.article).toEqual(rb?.article);
      expect(ra?.article.seq).toBe(1);
      // The loser's increment was rolled back: the next story is 2.
      expect((await a.insertArticle(draft(9, ['MSFT']))).article.seq).toBe(2);
      expect(await b.latestSeq()).toBe(2);
    } finally {
      await holder.end();
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('takes dedupe keys with U+0000 (as the news service makes them) and drops U+0000 from text', async () => {
    const store = await PostgresStore.open({ url });
    await cleanTables(url);
    try {
      const a = await store.insertArticle({ ...draft(1, ['AAPL']), dedupeKey: 'id:wire\u0000a' });
      const b = await store.insertArticle({ ...draft(2, ['AAPL']), dedupeKey: 'id:wire\u0000b' });
      expect([a.created, b.created]).toEqual([true, true]);
      expect((await store.insertArticle({ ...draft(3, []), dedupeKey: 'id:wire\u0000a' })).article.seq).toBe(
        1,
      );
      expect((await store.attachSource(1, 'id:other\u0000a', null)).article.seq).toBe(1);
      expect((await store.insertArticle({ ...draft(4, []), dedupeKey: 'id:other\u0000a' })).created).toBe(
        false,
      );
      const odd = await store.insertArticle(
        draft(5, ['MSFT'], { headline: 'Zero\u0000 byte', body: 'x\u0000y' }),
      );
      expect(odd.article).toMatchObject({ headline: 'Zero byte', body: 'xy' });
      expect(await store.getArticle(odd.article.id)).toEqual(odd.article);
    } finally {
      await store.close();
    }
  });

  it('answers a ping while the database is up and rejects once the store is closed', async () => {
    const store = await PostgresStore.open({ url });
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it('refuses to open a database it cannot reach, without hanging', async () => {
    const unreachable = new URL(url);
    unreachable.port = '1';
    await expect(
      PostgresStore.open({ url: unreachable.toString(), connectTimeoutMs: 2_000 }),
    ).rejects.toThrow();
  });
});
