import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Article, ArticleSource, PricePoint } from '../../shared/index.js';
import { type ArticleRow, toArticle } from './article-row.js';
import type { ArticleDraft, ArticleQuery, AttachResult, Bar, InsertResult, Store } from './types.js';

/** Ordered schema migrations; a database records which it has applied in schema_migrations. */
const MIGRATIONS: string[] = [
  `CREATE TABLE articles (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     dedupe_key TEXT NOT NULL UNIQUE,
     headline TEXT NOT NULL,
     summary TEXT,
     body TEXT,
     source TEXT NOT NULL,
     url TEXT,
     external_id TEXT,
     published_at INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     tickers TEXT NOT NULL,
     tone REAL NOT NULL DEFAULT 0
   );
   CREATE TABLE article_tickers (
     symbol TEXT NOT NULL,
     seq INTEGER NOT NULL REFERENCES articles(seq),
     PRIMARY KEY (symbol, seq)
   ) WITHOUT ROWID;
   CREATE TABLE bars (
     symbol TEXT NOT NULL,
     t INTEGER NOT NULL,
     o REAL NOT NULL, h REAL NOT NULL, l REAL NOT NULL, c REAL NOT NULL,
     n INTEGER NOT NULL,
     PRIMARY KEY (symbol, t)
   ) WITHOUT ROWID;`,
  // 2: whether the story is about the ticker or only mentions it, for "primary only" filters.
  `ALTER TABLE article_tickers ADD COLUMN is_primary INTEGER NOT NULL DEFAULT 0;
   UPDATE article_tickers SET is_primary = 1 WHERE EXISTS (
     SELECT 1 FROM articles a, json_each(a.tickers) j
     WHERE a.seq = article_tickers.seq
       AND json_extract(j.value, '$.symbol') = article_tickers.symbol
       AND json_extract(j.value, '$.primary') = 1);`,
  // 3: reactions are tracked for stories published in the last day: find them by time.
  'CREATE INDEX articles_published ON articles (published_at);',
  // 4: the same story from several sources is one story: the later sources, their keys, and when it was pushed.
  `ALTER TABLE articles ADD COLUMN also_from TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE articles ADD COLUMN pushed_at INTEGER;
   CREATE TABLE article_aliases (
     dedupe_key TEXT PRIMARY KEY,
     seq INTEGER NOT NULL REFERENCES articles(seq)
   ) WITHOUT ROWID;`,
  // 5: the close of each minute (the last one-second bar in it), so a day's chart reads 1,440 rows, not 86,400.
  `CREATE TABLE bars_1m (
     symbol TEXT NOT NULL,
     t INTEGER NOT NULL,
     c REAL NOT NULL,
     last_t INTEGER NOT NULL,
     PRIMARY KEY (symbol, t)
   ) WITHOUT ROWID;
   INSERT INTO bars_1m (symbol, t, c, last_t)
     SELECT symbol, (t / 60000) * 60000, c, max(t) FROM bars GROUP BY symbol, t / 60000;`,
];

/** Buckets that are whole minutes are answered from bars_1m. */
const MINUTE_MS = 60_000;

/**
 * The embedded default store: one SQLite file in WAL mode with synchronous=FULL, so a story is on
 * disk before the ingest API acknowledges it, even if the machine loses power right after. What can
 * be recomputed or is only informative (when a story was pushed, live reactions, one-second bars)
 * is committed with synchronous=NORMAL: no sync of its own; the next story's commit or a checkpoint
 * syncs it. A power cut may lose the last seconds of those, never a story.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly filtered = new Map<string, Database.Statement>();
  private readonly insertTx: Database.Transaction<(draft: ArticleDraft) => InsertResult>;
  private readonly attachTx: Database.Transaction<
    (seq: number, key: string, source: ArticleSource | null) => AttachResult
  >;
  private readonly barsTx: (bars: Bar[]) => void;
  private readonly tickersTx: (writes: [number, string][]) => void;
  /** Reaction writes made in the same turn, committed together (one transaction, one sync). */
  private readonly tickerWrites = new Map<number, string>();
  private tickerFlush: Promise<void> | null = null;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    const db = this.db;
    this.stmts = {
      byKey: db.prepare<[{ key: string }], ArticleRow>(
        `SELECT * FROM articles WHERE dedupe_key = @key
         UNION ALL SELECT a.* FROM article_aliases k JOIN articles a ON a.seq = k.seq WHERE k.dedupe_key = @key
         LIMIT 1`,
      ),
      bySeq: db.prepare<[number], ArticleRow>('SELECT * FROM articles WHERE seq = ?'),
      insertAlias: db.prepare<[string, number]>(
        'INSERT INTO article_aliases (dedupe_key, seq) VALUES (?, ?)',
      ),
      updateAlsoFrom: db.prepare<[string, number]>('UPDATE articles SET also_from = ? WHERE seq = ?'),
      markPushed: db.prepare<[number, number]>('UPDATE articles SET pushed_at = ? WHERE seq = ?'),
      byId: db.prepare<[string], ArticleRow>('SELECT * FROM articles WHERE id = ?'),
      maxSeq: db.prepare<[], { s: number }>('SELECT COALESCE(MAX(seq), 0) AS s FROM articles'),
      insert: db.prepare(
        `INSERT INTO articles (seq, id, dedupe_key, headline, summary, body, source, url, external_id,
           published_at, received_at, tickers, tone, also_from, pushed_at)
         VALUES (@seq, @id, @dedupeKey, @headline, @summary, @body, @source, @url, @externalId,
           @publishedAt, @receivedAt, @tickers, @tone, @alsoFrom, @pushedAt)`,
      ),
      insertTicker: db.prepare(
        'INSERT INTO article_tickers (symbol, seq, is_primary) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET is_primary = max(is_primary, excluded.is_primary)',
      ),
      list: db.prepare<[number, number], ArticleRow>(
        'SELECT * FROM articles WHERE seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      after: db.prepare<[number, number], ArticleRow>(
        'SELECT * FROM articles WHERE seq > ? ORDER BY seq ASC LIMIT ?',
      ),
      upsertBar: db.prepare(
        `INSERT INTO bars (symbol, t, o, h, l, c, n) VALUES (@symbol, @t, @o, @h, @l, @c, @n)
         ON CONFLICT (symbol, t) DO UPDATE SET h = excluded.h, l = excluded.l, c = excluded.c, n = excluded.n`,
      ),
      upsertMinute: db.prepare(
        `INSERT INTO bars_1m (symbol, t, c, last_t) VALUES (@symbol, (CAST(@t AS INTEGER) / 60000) * 60000, @c, @t)
         ON CONFLICT (symbol, t) DO UPDATE SET c = excluded.c, last_t = excluded.last_t
         WHERE excluded.last_t >= bars_1m.last_t`,
      ),
      historyMinutes: db.prepare<[number, number, string, number, number], { bt: number; c: number }>(
        `SELECT (t / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS bt, c, max(t) FROM bars_1m WHERE symbol = ? AND last_t BETWEEN ? AND ?
         GROUP BY bt ORDER BY bt`,
      ),
      pruneMinutes: db.prepare('DELETE FROM bars_1m WHERE t < ?'),
      history: db.prepare<[number, number, string, number, number], { bt: number; c: number }>(
        `SELECT (t / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS bt, c, max(t) FROM bars WHERE symbol = ? AND t BETWEEN ? AND ?
         GROUP BY bt ORDER BY bt`,
      ),
      priceAt: db.prepare<[string, number], { t: number; c: number }>(
        'SELECT t, c FROM bars WHERE symbol = ? AND t <= ? ORDER BY t DESC LIMIT 1',
      ),
      lastBars: db.prepare<[], Bar>(
        `SELECT b.symbol, b.t, b.o, b.h, b.l, b.c, b.n FROM bars b
         JOIN (SELECT symbol, max(t) AS t FROM bars GROUP BY symbol) m ON m.symbol = b.symbol AND m.t = b.t`,
      ),
      prune: db.prepare('DELETE FROM bars WHERE t < ?'),
      since: db.prepare<[number, number], ArticleRow>(
        'SELECT * FROM articles WHERE published_at >= ? ORDER BY published_at, seq LIMIT ?',
      ),
      updateTickers: db.prepare<[string, number]>('UPDATE articles SET tickers = ? WHERE seq = ?'),
      firstAfter: db.prepare<[string, number, number], { t: number; o: number }>(
        'SELECT t, o FROM bars WHERE symbol = ? AND t >= ? AND t <= ? ORDER BY t LIMIT 1',
      ),
    };
    this.insertTx = db.transaction((draft: ArticleDraft): InsertResult => {
      const existing = this.stmts.byKey.get({ key: draft.dedupeKey });
      if (existing) return { article: toArticle(existing), created: false };
      const seq = (this.stmts.maxSeq.get()?.s ?? 0) + 1;
      const { dedupeKey, ...rest } = draft;
      const article: Article = {
        id: randomUUID(),
        seq,
        ...rest,
        alsoFrom: rest.alsoFrom ?? [],
        pushedAt: rest.pushedAt ?? null,
      };
      this.stmts.insert.run({
        ...article,
        dedupeKey,
        tickers: JSON.stringify(article.tickers),
        alsoFrom: JSON.stringify(article.alsoFrom),
      });
      for (const t of article.tickers) this.stmts.insertTicker.run(t.symbol, seq, t.primary ? 1 : 0);
      return { article, created: true };
    });
    this.attachTx = db.transaction((seq: number, key: string, source: ArticleSource | null): AttachResult => {
      const known = this.stmts.byKey.get({ key });
      if (known) return { article: toArticle(known), attached: false };
      const row = this.stmts.bySeq.get(seq);
      if (!row) throw new Error(`no story with seq ${seq}`);
      this.stmts.insertAlias.run(key, seq);
      const article = toArticle(row);
      if (!source) return { article, attached: false };
      article.alsoFrom = [...(article.alsoFrom ?? []), source];
      this.stmts.updateAlsoFrom.run(JSON.stringify(article.alsoFrom), seq);
      return { article, attached: true };
    });
    this.tickersTx = db.transaction((writes: [number, string][]) => {
      for (const [seq, json] of writes) this.stmts.updateTickers.run(json, seq);
    });
    this.barsTx = db.transaction((bars: Bar[]) => {
      for (const bar of bars) {
        this.stmts.upsertBar.run(bar);
        this.stmts.upsertMinute.run({ symbol: bar.symbol, t: bar.t, c: bar.c });
      }
    });
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER)',
    );
    const done = new Set(
      this.db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
    );
    MIGRATIONS.forEach((sql, i) => {
      const version = i + 1;
      if (done.has(version)) return;
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(version, Date.now());
      })();
    });
  }

  // Read-then-write transactions take the write lock first (BEGIN IMMEDIATE): with several processes
  // on one file, a deferred one that read first fails at once with SQLITE_BUSY instead of waiting.
  async insertArticle(draft: ArticleDraft): Promise<InsertResult> {
    return this.insertTx.immediate(draft);
  }

  async attachSource(seq: number, dedupeKey: string, source: ArticleSource | null): Promise<AttachResult> {
    return this.attachTx.immediate(seq, dedupeKey, source);
  }

  async markPushed(seq: number, pushedAt: number): Promise<void> {
    this.relaxed(() => this.stmts.markPushed.run(pushedAt, seq));
  }

  /** Runs a write with synchronous=NORMAL (no sync of its own); better-sqlite3 is synchronous, so nothing interleaves. */
  private relaxed<T>(write: () => T): T {
    this.db.pragma('synchronous = NORMAL');
    try {
      return write();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  async getArticle(id: string): Promise<Article | null> {
    const row = this.stmts.byId.get(id);
    return row ? toArticle(row) : null;
  }

  private filteredStmt(kind: 'list' | 'after', n: number, primaryOnly: boolean): Database.Statement {
    const key = `${kind}:${n}:${primaryOnly}`;
    let stmt = this.filtered.get(key);
    if (!stmt) {
      const marks = Array.from({ length: n }, () => '?').join(',');
      const where = `symbol IN (${marks})${primaryOnly ? ' AND is_primary = 1' : ''}`;
      stmt =
        kind === 'list'
          ? this.db.prepare(
              `SELECT * FROM articles WHERE seq IN (SELECT DISTINCT seq FROM article_tickers
                 WHERE ${where} AND seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq DESC`,
            )
          : this.db.prepare(
              `SELECT * FROM articles WHERE seq IN (SELECT DISTINCT seq FROM article_tickers
                 WHERE ${where} AND seq > ? ORDER BY seq ASC LIMIT ?) ORDER BY seq ASC`,
            );
      this.filtered.set(key, stmt);
    }
    return stmt;
  }

  async listArticles(q: ArticleQuery): Promise<Article[]> {
    const before = q.beforeSeq ?? Number.MAX_SAFE_INTEGER;
    const rows = q.tickers?.length
      ? (this.filteredStmt('list', q.tickers.length, !!q.primaryOnly).all(
          ...q.tickers,
          before,
          q.limit,
        ) as ArticleRow[])
      : this.stmts.list.all(before, q.limit);
    return rows.map(toArticle);
  }

  async articlesAfter(
    afterSeq: number,
    tickers: string[] | undefined,
    limit: number,
    primaryOnly = false,
  ): Promise<Article[]> {
    const rows = tickers?.length
      ? (this.filteredStmt('after', tickers.length, primaryOnly).all(
          ...tickers,
          afterSeq,
          limit,
        ) as ArticleRow[])
      : this.stmts.after.all(afterSeq, limit);
    return rows.map(toArticle);
  }

  async latestSeq(): Promise<number> {
    return this.stmts.maxSeq.get()?.s ?? 0;
  }

  async articlesPublishedSince(t: number, limit: number): Promise<Article[]> {
    return this.stmts.since.all(t, limit).map(toArticle);
  }

  /**
   * Writes issued in the same turn (the reaction engine persists every tracked story at once) are
   * committed in one transaction: one sync to disk instead of one per story.
   */
  updateArticleTickers(seq: number, tickers: Article['tickers']): Promise<void> {
    this.tickerWrites.set(seq, JSON.stringify(tickers));
    this.tickerFlush ??= Promise.resolve().then(() => {
      this.tickerFlush = null;
      const writes = [...this.tickerWrites];
      this.tickerWrites.clear();
      this.relaxed(() => this.tickersTx(writes));
    });
    return this.tickerFlush;
  }

  async appendBars(bars: Bar[]): Promise<void> {
    if (bars.length) this.relaxed(() => this.barsTx(bars));
  }

  async history(symbol: string, from: number, to: number, bucketMs: number): Promise<PricePoint[]> {
    const b = Math.max(1, Math.round(bucketMs));
    if (b % MINUTE_MS === 0) {
      // Whole-minute buckets from the minute closes (a minute counts when its last bar is in range).
      return this.stmts.historyMinutes.all(b, b, symbol, from, to).map((r) => ({ t: r.bt, p: r.c }));
    }
    return this.stmts.history.all(b, b, symbol, from, to).map((r) => ({ t: r.bt, p: r.c }));
  }

  async priceAt(symbol: string, t: number, maxAgeMs: number): Promise<PricePoint | null> {
    const row = this.stmts.priceAt.get(symbol, t);
    return row && row.t >= t - maxAgeMs ? { t: row.t, p: row.c } : null;
  }

  async firstPriceAfter(symbol: string, t: number, maxAheadMs: number): Promise<PricePoint | null> {
    const row = this.stmts.firstAfter.get(symbol, t, t + maxAheadMs);
    return row ? { t: row.t, p: row.o } : null;
  }

  async lastBars(): Promise<Bar[]> {
    return this.stmts.lastBars.all();
  }

  async pruneBars(before: number): Promise<number> {
    this.stmts.pruneMinutes.run(before - MINUTE_MS);
    return this.stmts.prune.run(before).changes;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
