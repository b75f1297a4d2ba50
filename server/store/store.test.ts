import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import { draft, storeContract } from './store.contract.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-store-'));
  dirs.push(dir);
  return join(dir, 'tickerwire.db');
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

storeContract('memory', () => new MemoryStore());
storeContract('sqlite', () => new SqliteStore(tempFile()));

describe('sqlite store on disk', () => {
  it('keeps stories and seq across a reopen, and migrations run once', async () => {
    const file = tempFile();
    const a = new SqliteStore(file);
    await a.insertArticle(draft(1, ['AAPL']));
    await a.insertArticle(draft(2, ['MSFT']));
    await a.close();
    const b = new SqliteStore(file);
    expect(await b.latestSeq()).toBe(2);
    expect((await b.insertArticle(draft(1, ['AAPL']))).created).toBe(false);
    expect((await b.insertArticle(draft(3, ['AAPL']))).article.seq).toBe(3);
    await b.close();
  });
});

describe('sqlite migration 2 (primary flag of article_tickers)', () => {
  it('fills the flag in for stories stored before it existed', async () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER);
      INSERT INTO schema_migrations VALUES (1, 0);
      CREATE TABLE articles (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, dedupe_key TEXT NOT NULL UNIQUE,
        headline TEXT NOT NULL, summary TEXT, body TEXT, source TEXT NOT NULL, url TEXT, external_id TEXT,
        published_at INTEGER NOT NULL, received_at INTEGER NOT NULL, tickers TEXT NOT NULL, tone REAL NOT NULL DEFAULT 0);
      CREATE TABLE article_tickers (symbol TEXT NOT NULL, seq INTEGER NOT NULL REFERENCES articles(seq),
        PRIMARY KEY (symbol, seq)) WITHOUT ROWID;
      CREATE TABLE bars (symbol TEXT NOT NULL, t INTEGER NOT NULL, o REAL NOT NULL, h REAL NOT NULL, l REAL NOT NULL,
        c REAL NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (symbol, t)) WITHOUT ROWID;`);
    const tickers = JSON.stringify([
      { symbol: 'NVDA', name: null, evidence: 'name', primary: true, refPrice: 1 },
      { symbol: 'AMD', name: null, evidence: 'name', primary: false, refPrice: 1 },
    ]);
    old
      .prepare(`INSERT INTO articles VALUES (1, 'a', 'k', 'h', NULL, NULL, 's', NULL, NULL, 1, 1, ?, 0)`)
      .run(tickers);
    old.exec(`INSERT INTO article_tickers VALUES ('NVDA', 1), ('AMD', 1)`);
    old.close();
    const store = new SqliteStore(file);
    expect(
      (await store.listArticles({ tickers: ['NVDA'], limit: 5, primaryOnly: true })).map((a) => a.seq),
    ).toEqual([1]);
    expect(await store.listArticles({ tickers: ['AMD'], limit: 5, primaryOnly: true })).toEqual([]);
    expect((await store.listArticles({ tickers: ['AMD'], limit: 5 })).map((a) => a.seq)).toEqual([1]);
    // Migration 4: stories stored before it have no other sources and no push time.
    expect((await store.getArticle('a'))?.alsoFrom).toEqual([]);
    expect((await store.getArticle('a'))?.pushedAt).toBeNull();
    await store.close();
  });
});
