import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Article, ArticleSource, ArticleTicker, PricePoint } from '../../shared/index.js';
import {
  type ArticleDraft,
  type ArticleQuery,
  type AttachResult,
  type Bar,
  type InsertResult,
  type Store,
  StoreUnavailableError,
} from './types.js';

/**
 * Ordered schema migrations; the database records which it has applied in schema_migrations.
 * The seq comes from the one-row counter article_seq (see docs/decisions/0010-postgres-seq.md).
 */
export const PG_MIGRATIONS: string[] = [
  `CREATE TABLE article_seq (
     one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
     last BIGINT NOT NULL
   );
   INSERT INTO article_seq (one, last) VALUES (TRUE, 0);
   CREATE TABLE articles (
     seq BIGINT PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     dedupe_key BYTEA NOT NULL UNIQUE,
     headline TEXT NOT NULL,
     summary TEXT,
     body TEXT,
     source TEXT NOT NULL,
     url TEXT,
     external_id TEXT,
     published_at BIGINT NOT NULL,
     received_at BIGINT NOT NULL,
     tickers TEXT NOT NULL,
     tone DOUBLE PRECISION NOT NULL DEFAULT 0,
     also_from TEXT NOT NULL DEFAULT '[]',
     pushed_at BIGINT
   );
   CREATE INDEX articles_published ON articles (published_at);
   CREATE TABLE article_tickers (
     symbol TEXT NOT NULL,
     seq BIGINT NOT NULL REFERENCES articles (seq),
     is_primary BOOLEAN NOT NULL DEFAULT FALSE,
     PRIMARY KEY (symbol, seq)
   );
   CREATE TABLE article_aliases (
     dedupe_key BYTEA PRIMARY KEY,
     seq BIGINT NOT NULL REFERENCES articles (seq)
   );
   CREATE TABLE bars (
     symbol TEXT NOT NULL,
     t BIGINT NOT NULL,
     o DOUBLE PRECISION NOT NULL,
     h DOUBLE PRECISION NOT NULL,
     l DOUBLE PRECISION NOT NULL,
     c DOUBLE PRECISION NOT NULL,
     n INTEGER NOT NULL,
     PRIMARY KEY (symbol, t)
   );`,
];

/**
 * Dedupe keys are stored as their UTF-8 bytes: they hold U+0000 as a separator, which Postgres
 * text cannot. In the story's own text U+0000 is dropped, for the same reason.
 */
const keyBytes = (key: string): Buffer => Buffer.from(key, 'utf8');
/** Bounds on integer columns: callers may pass fractional times (a history route's from/to). */
const ceil = Math.ceil;
const floor = Math.floor;
const noNul = <T extends string | null>(s: T): T => (s === null ? s : (s.replaceAll('\u0000', '') as T));

/** Key of the advisory lock that serialises migrations of nodes starting at once ("twmigrat"). */
const MIGRATION_LOCK = 0x74776d6967726174n;

interface ArticleRow {
  seq: number;
  id: string;
  headline: string;
  summary: string | null;
  body: string | null;
  source: string;
  url: string | null;
  external_id: string | null;
  published_at: number;
  received_at: number;
  tickers: string;
  tone: number;
  also_from: string;
  pushed_at: number | null;
}

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    seq: row.seq,
    headline: row.headline,
    summary: row.summary,
    body: row.body,
    source: row.source,
    url: row.url,
    externalId: row.external_id,
    publishedAt: row.published_at,
    receivedAt: row.received_at,
    tickers: JSON.parse(row.tickers) as ArticleTicker[],
    tone: row.tone,
    alsoFrom: JSON.parse(row.also_from) as ArticleSource[],
    pushedAt: row.pushed_at,
  };
}

/** BIGINT columns (seq, epoch ms) as numbers: every value the store writes is a safe integer. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const BY_KEY = `SELECT * FROM articles WHERE dedupe_key = $1
  UNION ALL SELECT a.* FROM article_aliases k JOIN articles a ON a.seq = k.seq WHERE k.dedupe_key = $1
  LIMIT 1`;

/** SQLSTATEs and socket errors that mean "the server is not there now", not "the query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);
const UNAVAILABLE_MESSAGE =
  /connection terminated|timeout exceeded when trying to connect|connection error|not queryable/i;

/** A connection-level failure as StoreUnavailableError (HTTP answers 503); others unchanged. */
function classify(err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof StoreUnavailableError) return err;
  const code = (err as { code?: unknown }).code;
  const down =
    (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) ||
    UNAVAILABLE_MESSAGE.test(err.message);
  return down ? new StoreUnavailableError(`postgres unavailable: ${err.message}`, { cause: err }) : err;
}

export interface PostgresStoreOptions {
  /** postgres:// or postgresql:// URL. */
  url: string;
  /** Most connections this process opens. */
  poolSize?: number;
  /** How long to wait for a connection before a query fails (ms). */
  connectTimeoutMs?: number;
  /** Errors of idle connections (the server restarted, the network dropped): reported, never thrown. */
  onError?: (err: Error) => void;
}

/**
 * The scale-out store: every node of a cluster shares one Postgres database. A story's seq is
 * taken from a one-row counter inside the insert transaction, so seqs are dense and become
 * visible in order even with many writers (a reader resuming after seq n never skips one).
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects, applies the migrations a database lacks (under an advisory lock), and returns the store. */
  static async open(opts: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'tickerwire',
      types,
    });
    pool.on('error', (err) => opts.onError?.(err));
    const store = new PostgresStore(pool);
    try {
      await store.migrate();
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (c) => {
      // Nodes starting at once wait here for the first one to finish: no two run a migration.
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      );
      const { rows } = await c.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((r) => r.version));
      for (const [i, sql] of PG_MIGRATIONS.entries()) {
        const version = i + 1;
        if (done.has(version)) continue;
        await c.query(sql);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
          version,
          Date.now(),
        ]);
      }
      return { commit: true, value: undefined };
    });
  }

  /** Runs fn in a transaction on one connection; fn says whether to commit or roll back. */
  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<{ commit: boolean; value: T }>): Promise<T> {
    let broken: Error | undefined;
    // A connection lost while checked out is an 'error' event on the client, which would crash
    // the process unheard: note it, so the client is thrown away on release. The listener goes on
    // in the callback, synchronously: the server's FATAL message can arrive in the same packet as
    // the connection's "ready", before a promise's continuation would run.
    const onError = (err: Error) => {
      broken = err;
    };
    const client = await new Promise<pg.PoolClient>((resolve, reject) => {
      this.pool.connect((err, c) => {
        if (err || !c) return reject(classify(err ?? new Error('no connection')));
        c.on('error', onError);
        resolve(c);
      });
    });
    try {
      await client.query('BEGIN');
      const { commit, value } = await fn(client);
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      return value;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        // The connection itself failed: the pool must not hand it out again.
        broken = err instanceof Error ? err : new Error(String(err));
      }
      throw classify(err);
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** A query on any pooled connection; a lost server surfaces as StoreUnavailableError. */
  private async q<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (err) {
      throw classify(err);
    }
  }

  private async byKey(q: pg.PoolClient, key: string): Promise<Article | null> {
    const { rows } = await q.query<ArticleRow>(BY_KEY, [keyBytes(key)]);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async insertArticle(draft: ArticleDraft): Promise<InsertResult> {
    // A retry of a stored story is answered without taking the writers' lock.
    const known = (await this.q<ArticleRow>(BY_KEY, [keyBytes(draft.dedupeKey)])).rows[0];
    if (known) return { article: toArticle(known), created: false };
    return this.transaction<InsertResult>(async (c) => {
      // The counter's row lock is held until commit: one writer at a time, so seqs are dense and
      // commit in order. Rolled back, the increment is undone and the seq is not lost.
      const { rows } = await c.query<{ last: number }>(
        'UPDATE article_seq SET last = last + 1 RETURNING last',
      );
      const seq = rows[0]?.last;
      if (seq === undefined) throw new Error('article_seq has no row');
      const { dedupeKey, ...rest } = draft;
      const article: Article = {
        id: randomUUID(),
        seq,
        ...rest,
        headline: noNul(rest.headline),
        summary: noNul(rest.summary),
        body: noNul(rest.body),
        source: noNul(rest.source),
        url: noNul(rest.url),
        externalId: noNul(rest.externalId),
        alsoFrom: rest.alsoFrom ?? [],
        pushedAt: rest.pushedAt ?? null,
      };
      // A symbol tagged twice is one row, primary if either tag is.
      const tags = new Map<string, boolean>();
      for (const t of article.tickers) tags.set(t.symbol, (tags.get(t.symbol) ?? false) || t.primary);
      // One round trip while the lock is held. The statement's snapshot is taken after the lock
      // was granted, so it sees a story another node committed with this key while we waited.
      const inserted = await c.query<{ n: number }>(
        `WITH a AS (
           INSERT INTO articles (seq, id, dedupe_key, headline, summary, body, source, url, external_id,
             published_at, received_at, tickers, tone, also_from, pushed_at)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
           WHERE NOT EXISTS (SELECT 1 FROM articles WHERE dedupe_key = $3)
             AND NOT EXISTS (SELECT 1 FROM article_aliases WHERE dedupe_key = $3)
           RETURNING seq
         ), t AS (
           INSERT INTO article_tickers (symbol, seq, is_primary)
           SELECT u.s, a.seq, u.p FROM a, unnest($16::text[], $17::boolean[]) AS u(s, p)
         )
         SELECT count(*)::int AS n FROM a`,
        [
          seq,
          article.id,
          keyBytes(dedupeKey),
          article.headline,
          article.summary,
          article.body,
          article.source,
          article.url,
          article.externalId,
          article.publishedAt,
          article.receivedAt,
          JSON.stringify(article.tickers),
          article.tone,
          JSON.stringify(article.alsoFrom),
          article.pushedAt,
          [...tags.keys()],
          [...tags.values()],
        ],
      );
      if (inserted.rows[0]?.n !== 1) {
        // Stored meanwhile: answer that story; the rollback gives the seq back.
        const existing = await this.byKey(c, dedupeKey);
        if (!existing) throw new Error(`dedupe key neither new nor stored: ${JSON.stringify(dedupeKey)}`);
        return { commit: false, value: { article: existing, created: false } };
      }
      return { commit: true, value: { article, created: true } };
    });
  }

  async attachSource(seq: number, dedupeKey: string, source: ArticleSource | null): Promise<AttachResult> {
    return this.transaction<AttachResult>(async (c) => {
      // Keys are claimed under the writers' lock, so an insert and an attach of one key never both win.
      await c.query('SELECT last FROM article_seq FOR UPDATE');
      const known = await this.byKey(c, dedupeKey);
      if (known) return { commit: false, value: { article: known, attached: false } };
      const { rows } = await c.query<ArticleRow>('SELECT * FROM articles WHERE seq = $1', [seq]);
      if (!rows[0]) throw new Error(`no story with seq ${seq}`);
      await c.query('INSERT INTO article_aliases (dedupe_key, seq) VALUES ($1, $2)', [
        keyBytes(dedupeKey),
        seq,
      ]);
      const article = toArticle(rows[0]);
      if (!source) return { commit: true, value: { article, attached: false } };
      article.alsoFrom = [...(article.alsoFrom ?? []), source];
      await c.query('UPDATE articles SET also_from = $1 WHERE seq = $2', [
        JSON.stringify(article.alsoFrom),
        seq,
      ]);
      return { commit: true, value: { article, attached: true } };
    });
  }

  async markPushed(seq: number, pushedAt: number): Promise<void> {
    await this.q('UPDATE articles SET pushed_at = $1 WHERE seq = $2', [pushedAt, seq]);
  }

  async getArticle(id: string): Promise<Article | null> {
    const { rows } = await this.q<ArticleRow>('SELECT * FROM articles WHERE id = $1', [id]);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async listArticles(q: ArticleQuery): Promise<Article[]> {
    const before = ceil(q.beforeSeq ?? Number.MAX_SAFE_INTEGER);
    const { rows } = q.tickers?.length
      ? await this.q<ArticleRow>(
          `SELECT * FROM articles WHERE seq IN (SELECT DISTINCT seq FROM article_tickers
             WHERE symbol = ANY($1::text[]) ${q.primaryOnly ? 'AND is_primary' : ''} AND seq < $2
             ORDER BY seq DESC LIMIT $3) ORDER BY seq DESC`,
          [q.tickers, before, q.limit],
        )
      : await this.q<ArticleRow>('SELECT * FROM articles WHERE seq < $1 ORDER BY seq DESC LIMIT $2', [
          before,
          q.limit,
        ]);
    return rows.map(toArticle);
  }

  async articlesAfter(
    afterSeq: number,
    tickers: string[] | undefined,
    limit: number,
    primaryOnly = false,
  ): Promise<Article[]> {
    const { rows } = tickers?.length
      ? await this.q<ArticleRow>(
          `SELECT * FROM articles WHERE seq IN (SELECT DISTINCT seq FROM article_tickers
             WHERE symbol = ANY($1::text[]) ${primaryOnly ? 'AND is_primary' : ''} AND seq > $2
             ORDER BY seq ASC LIMIT $3) ORDER BY seq ASC`,
          [tickers, floor(afterSeq), limit],
        )
      : await this.q<ArticleRow>('SELECT * FROM articles WHERE seq > $1 ORDER BY seq ASC LIMIT $2', [
          floor(afterSeq),
          limit,
        ]);
    return rows.map(toArticle);
  }

  async latestSeq(): Promise<number> {
    // The counter only ever holds committed seqs (an insert's increment commits with its story).
    const { rows } = await this.q<{ last: number }>('SELECT last FROM article_seq');
    return rows[0]?.last ?? 0;
  }

  async articlesPublishedSince(t: number, limit: number): Promise<Article[]> {
    const { rows } = await this.q<ArticleRow>(
      'SELECT * FROM articles WHERE published_at >= $1 ORDER BY published_at, seq LIMIT $2',
      [ceil(t), limit],
    );
    return rows.map(toArticle);
  }

  async updateArticleTickers(seq: number, tickers: Article['tickers']): Promise<void> {
    await this.q('UPDATE articles SET tickers = $1 WHERE seq = $2', [JSON.stringify(tickers), seq]);
  }

  async appendBars(bars: Bar[]): Promise<void> {
    if (!bars.length) return;
    // One statement per (symbol, t): the last snapshot of a bar in the batch wins, as written in order.
    const latest = new Map<string, Bar>();
    for (const bar of bars) {
      const key = `${bar.symbol}\u0000${bar.t}`;
      const first = latest.get(key);
      latest.set(key, first ? { ...bar, o: first.o } : bar);
    }
    const list = [...latest.values()];
    await this.q(
      `INSERT INTO bars (symbol, t, o, h, l, c, n)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::int[])
       ON CONFLICT (symbol, t) DO UPDATE SET h = excluded.h, l = excluded.l, c = excluded.c, n = excluded.n`,
      [
        list.map((b) => b.symbol),
        list.map((b) => b.t),
        list.map((b) => b.o),
        list.map((b) => b.h),
        list.map((b) => b.l),
        list.map((b) => b.c),
        list.map((b) => b.n),
      ],
    );
  }

  async history(symbol: string, from: number, to: number, bucketMs: number): Promise<PricePoint[]> {
    const b = Math.max(1, Math.round(bucketMs));
    const { rows } = await this.q<{ bt: number; c: number }>(
      `SELECT DISTINCT ON (bt) bt, c FROM (
         SELECT (t / $1::bigint) * $1::bigint AS bt, t, c FROM bars WHERE symbol = $2 AND t BETWEEN $3 AND $4
       ) x ORDER BY bt, t DESC`,
      [b, symbol, ceil(from), floor(to)],
    );
    return rows.map((r) => ({ t: r.bt, p: r.c }));
  }

  async priceAt(symbol: string, t: number, maxAgeMs: number): Promise<PricePoint | null> {
    const { rows } = await this.q<{ t: number; c: number }>(
      'SELECT t, c FROM bars WHERE symbol = $1 AND t <= $2 ORDER BY t DESC LIMIT 1',
      [symbol, floor(t)],
    );
    const row = rows[0];
    return row && row.t >= t - maxAgeMs ? { t: row.t, p: row.c } : null;
  }

  async firstPriceAfter(symbol: string, t: number, maxAheadMs: number): Promise<PricePoint | null> {
    const { rows } = await this.q<{ t: number; o: number }>(
      'SELECT t, o FROM bars WHERE symbol = $1 AND t >= $2 AND t <= $3 ORDER BY t LIMIT 1',
      [symbol, ceil(t), floor(t + maxAheadMs)],
    );
    const row = rows[0];
    return row ? { t: row.t, p: row.o } : null;
  }

  async lastBars(): Promise<Bar[]> {
    const { rows } = await this.q<Bar>(
      'SELECT DISTINCT ON (symbol) symbol, t, o, h, l, c, n FROM bars ORDER BY symbol, t DESC',
    );
    return rows;
  }

  async pruneBars(before: number): Promise<number> {
    const { rowCount } = await this.q('DELETE FROM bars WHERE t < $1', [ceil(before)]);
    return rowCount ?? 0;
  }

  async ping(timeoutMs = 2_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`postgres did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.pool.query('SELECT 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private closing: Promise<void> | null = null;

  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    await this.closing;
  }
}
