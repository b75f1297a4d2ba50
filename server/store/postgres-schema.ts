/** The Postgres store's schema (migrations), row mapping, parameter helpers and error classification. */
import pg from 'pg';
import { StoreUnavailableError } from './types.js';

export { type ArticleRow, toArticle } from './article-row.js';

/**
 * Ordered schema migrations; the database records which it has applied in schema_migrations.
 * The seq comes from the one-row counter article_seq (see docs/decisions/0012-postgres-seq.md).
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
export const keyBytes = (key: string): Buffer => Buffer.from(key, 'utf8');
/** Bounds on integer columns: callers may pass fractional times (a history route's from/to). */
export const ceil = Math.ceil;
export const floor = Math.floor;
export const noNul = <T extends string | null>(s: T): T =>
  s === null ? s : (s.replaceAll('\u0000', '') as T);

/** Key of the advisory lock that serialises migrations of nodes starting at once ("twmigrat"). */
export const MIGRATION_LOCK = 0x74776d6967726174n;

/** BIGINT columns (seq, epoch ms) as numbers: every value the store writes is a safe integer. */
export const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export const BY_KEY = `SELECT * FROM articles WHERE dedupe_key = $1
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
export function classify(err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof StoreUnavailableError) return err;
  const code = (err as { code?: unknown }).code;
  const down =
    (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) ||
    UNAVAILABLE_MESSAGE.test(err.message);
  return down ? new StoreUnavailableError(`postgres unavailable: ${err.message}`, { cause: err }) : err;
}
