import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalSymbol, TICK_BATCH_MAX_PER_SYMBOL, TICK_SOURCES } from '../shared/index.js';
import { SAMPLE_TICKS_FILE } from './market/replay-source.js';
import { isSecHost, parseFeedList } from './news/feeds/feed-list.js';
import { projectRoot } from './version.js';

const onOff = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no']))
  .transform((v) => ['on', 'true', '1', 'yes'].includes(v));

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const wsUrl = z
  .string()
  .trim()
  .refine((u) => URL.canParse(u) && /^wss?:$/.test(new URL(u).protocol), 'must be a ws:// or wss:// URL');

const secret = z.string().trim().min(1).max(512);

/** Every environment variable the server reads, with defaults; documented in README and docs/api.md. */
export const configSchema = z.object({
  PORT: int(0, 65_535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  INGEST_TOKEN: z
    .string()
    .trim()
    .min(16, 'must be at least 16 characters (or unset to generate one)')
    .max(512)
    .optional(),
  DEMO_NEWS: onOff.default(true),
  DEMO_INTERVAL_MS: int(250, 3_600_000).default(8_000),
  TICK_SOURCE: z.enum(TICK_SOURCES).default('mock'),
  MARKET_SEED: z.string().min(1).max(200).default('tickerwire'),
  MOCK_BACKFILL_MINUTES: int(0, 24 * 60).default(120),
  TICK_RETENTION_HOURS: int(1, 24 * 30).default(48),
  STORE: z.enum(['sqlite', 'memory']).default('sqlite'),
  /** Set: the store is this Postgres database (shared by every node) instead of the embedded SQLite file. */
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (u) => URL.canParse(u) && /^postgres(ql)?:$/.test(new URL(u).protocol) && new URL(u).hostname !== '',
      'must be a postgres:// or postgresql:// URL with a host',
    )
    .optional(),
  /** Most connections to Postgres each process opens. */
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  INGEST_RATE_PER_MINUTE: int(1, 1_000_000).default(6_000),
  FINNHUB_API_KEY: secret.optional(),
  FINNHUB_WS_URL: wsUrl.default('wss://ws.finnhub.io'),
  FINNHUB_SYMBOL_LIMIT: int(1, 10_000).default(50),
  ALPACA_API_KEY_ID: secret.optional(),
  ALPACA_API_SECRET_KEY: secret.optional(),
  ALPACA_DATA_FEED: z.enum(['iex', 'sip', 'test']).default('iex'),
  /** Default: wss://stream.data.alpaca.markets/v2/<ALPACA_DATA_FEED>. */
  ALPACA_DATA_WS_URL: wsUrl.optional(),
  /** Read and documented for the news stream; the price source does not use it. */
  ALPACA_NEWS_WS_URL: wsUrl.default('wss://stream.data.alpaca.markets/v1beta1/news'),
  ALPACA_SYMBOL_LIMIT: int(1, 10_000).default(30),
  REPLAY_FILE: z.string().trim().min(1).optional(),
  REPLAY_SPEED: z.coerce.number().positive().max(1_000).default(1),
  TICK_RECORD_FILE: z.string().trim().min(1).optional(),
  TICK_DEMAND_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 7)
    .default(6),
  TICK_SILENCE_MS: int(200, 3_600_000).default(90_000),
  TICK_RECONNECT_MIN_MS: int(10, 600_000).default(1_000),
  TICK_RECONNECT_MAX_MS: int(10, 3_600_000).default(60_000),
  /** Per-symbol benchmarks for abnormal moves, e.g. "BABA:KWEB,JD:KWEB,PDD:KWEB" (others use SPY). */
  REACTION_BENCHMARKS: z
    .string()
    .trim()
    .default('')
    .transform((raw, ctx) => {
      const map: Record<string, string> = {};
      for (const pair of raw.split(',').filter((p) => p.trim())) {
        const parts = pair.split(':');
        const symbol = canonicalSymbol(parts[0] ?? '');
        const benchmark = canonicalSymbol(parts[1] ?? '');
        if (parts.length !== 2 || !symbol || !benchmark) {
          ctx.addIssue({ code: 'custom', message: `"${pair.trim()}" is not SYMBOL:BENCHMARK` });
          return z.NEVER;
        }
        map[symbol] = benchmark;
      }
      return map;
    }),
  REACTION_TRACK_HOURS: int(1, 24 * 7).default(24),
  /**
   * Live reaction values go every second (a sweep) for a feed filter's newest this many stories;
   * every story's every 10 s. The page moves them from ticks in between, so none by default (for
   * clients of the API that take no ticks).
   */
  REACTION_LIVE_STORIES: int(0, 10_000).default(0),
  /** Socket.IO heartbeat: a link that misses a ping for interval + timeout is dropped and reconnects. */
  SOCKET_PING_INTERVAL_MS: int(100, 120_000).default(10_000),
  SOCKET_PING_TIMEOUT_MS: int(100, 120_000).default(8_000),
  /**
   * A client whose unsent output (what its link has not taken yet) passes this many KiB is dropped;
   * it reconnects and resumes from its last story. Past a sixteenth of it, it gets no tick batches
   * until it drains, then one batch with the latest price of each of its symbols.
   */
  SOCKET_MAX_BACKLOG_KB: int(64, 1_048_576).default(4_096),
  /**
   * Ticks of one symbol a client's tick batch (one every 100 ms) carries at most; past it the newest
   * replaces the last one kept. 1 sends only the latest price of each symbol per batch.
   */
  TICK_BATCH_MAX_PER_SYMBOL: int(1, 1_000).default(TICK_BATCH_MAX_PER_SYMBOL),
  /**
   * Fault injection for the crash tests only: the process kills itself right after committing the
   * story with this externalId, before publishing it or answering. Never set it in production.
   */
  FAULT_KILL_AFTER_COMMIT: z.string().min(1).optional(),
  /**
   * Other origins whose pages may open a socket (comma-separated, e.g. "https://wall.example.com").
   * The server's own origin is always allowed, and clients that send no Origin (scripts) too.
   */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim().replace(/\/$/, ''))
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, message: 'must be an http(s) origin' }))),
  /** RSS/Atom feeds to poll: "URL[|seconds], URL[|seconds]…". */
  NEWS_FEEDS: z
    .string()
    .default('')
    .transform((raw, ctx) => {
      const { feeds, problems } = parseFeedList(raw);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return feeds;
    }),
  NEWS_POLL_SECONDS: int(1, 86_400).default(120),
  NEWS_FEED_TIMEOUT_MS: int(100, 120_000).default(15_000),
  /** Sent as User-Agent to feeds; SEC EDGAR requires one that says who you are (name and e-mail). */
  NEWS_USER_AGENT: z.string().trim().min(1).max(300).optional(),
  /** Feeds on private, loopback or link-local addresses are refused unless this is on (tests, an intranet feed). */
  NEWS_ALLOW_PRIVATE: onOff.default(false),
  /** Feed items published longer ago than this are not taken in (0: no limit). */
  NEWS_MAX_AGE_HOURS: int(0, 24 * 3_650).default(24),
  /** Headlines of two sources published within this many minutes may be one story (0: URLs only). */
  NEWS_MERGE_MINUTES: int(0, 24 * 60).default(30),
  /** Alpaca's news stream (Benzinga stories): needs ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY. */
  NEWS_ALPACA: onOff.default(false),
  /**
   * Several nodes: a redis:// or rediss:// URL connects this node to the others (Socket.IO adapter,
   * story notices, the tick source's owner). Unset: one node, nothing shared but the store.
   */
  REDIS_URL: z
    .string()
    .trim()
    .refine(
      (u) => URL.canParse(u) && /^rediss?:$/.test(new URL(u).protocol),
      'must be a redis:// or rediss:// URL',
    )
    .optional(),
  /** This node's name in /metrics and /api/health (default: host name and port). */
  NODE_ID: z
    .string()
    .trim()
    .regex(/^[\w.:-]{1,100}$/, 'letters, digits and . _ : - only (at most 100)')
    .optional(),
  /** Listings files of the symbol directory (SEC JSON or Nasdaq Trader text), comma-separated; default: the shipped ones. */
  SYMBOL_FILES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().refine((f) => existsSync(f), { message: 'file not found' }))
        .min(1, 'must name at least one file'),
    )
    .optional(),
  /** Per-source ingest tokens: lines "source:sha256-hex"; default DATA_DIR/ingest-tokens when that file exists. */
  INGEST_TOKENS_FILE: z
    .string()
    .trim()
    .min(1)
    .refine((f) => existsSync(f), { message: 'file not found' })
    .optional(),
  /** Whether the one all-sources token (INGEST_TOKEN or DATA_DIR/ingest-token) is accepted beside per-source ones. */
  INGEST_DEFAULT_TOKEN: onOff.default(true),
  /** Largest JSON body POST /api/articles takes: bytes, or with kb / mb ("512kb", "1mb"); 1 kB to 50 MB. */
  INGEST_BODY_LIMIT: z
    .string()
    .default('512kb')
    .transform((raw, ctx) => {
      const bytes = parseByteSize(raw);
      if (bytes === null || bytes < 1_024 || bytes > 50 * 1_024 * 1_024) {
        ctx.addIssue({ code: 'custom', message: 'must be a size from 1kb to 50mb, e.g. "512kb" or "2mb"' });
        return z.NEVER;
      }
      return bytes;
    }),
  /** Viewer token: when set, REST reads, sockets and /metrics need it (health stays open). */
  VIEW_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').max(512).optional(),
  /** Token for /metrics alone (a scraper); when set, /metrics needs it instead of VIEW_TOKEN. */
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').max(512).optional(),
});

/** "512kb", "2mb", "1048576" -> bytes (1 kb = 1024 bytes); null when it is not such a size. */
export function parseByteSize(raw: string): number | null {
  const m = /^(\d{1,12})\s?(b|kb|mb)?$/i.exec(raw.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase();
  return Number(m[1]) * (unit === 'mb' ? 1_024 * 1_024 : unit === 'kb' ? 1_024 : 1);
}

export type Config = z.output<typeof configSchema>;

/** The Alpaca stream URL in force: ALPACA_DATA_WS_URL, else the one of ALPACA_DATA_FEED. */
export function alpacaDataUrl(config: Config): string {
  return config.ALPACA_DATA_WS_URL ?? `wss://stream.data.alpaca.markets/v2/${config.ALPACA_DATA_FEED}`;
}

/** The replay file in force: REPLAY_FILE, else the sample file shipped with the server. */
export function replayFile(config: Pick<Config, 'REPLAY_FILE'>): string {
  return config.REPLAY_FILE ?? join(projectRoot(), SAMPLE_TICKS_FILE);
}

/** What the news sources need besides well-formed values: Alpaca's keys, a User-Agent for SEC EDGAR. */
function newsProblems(input: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const on = ['on', 'true', '1', 'yes'].includes(input.NEWS_ALPACA?.trim().toLowerCase() ?? '');
  if (on && input.TICK_SOURCE?.trim() !== 'alpaca') {
    for (const name of ['ALPACA_API_KEY_ID', 'ALPACA_API_SECRET_KEY'])
      if (!input[name]) problems.push(`${name}: required when NEWS_ALPACA=on`);
  }
  const sec = parseFeedList(input.NEWS_FEEDS ?? '').feeds.some((f) => isSecHost(new URL(f.url).hostname));
  const agent = input.NEWS_USER_AGENT?.trim() ?? '';
  if (sec && !/(?:^|\s)[^\s@]+@[^\s@.]+\.[^\s@]/.test(agent)) {
    problems.push(
      'NEWS_USER_AGENT: required when NEWS_FEEDS has an sec.gov feed, with your name and e-mail (SEC EDGAR refuses anonymous clients), e.g. "Example Desk admin@example.com"',
    );
  }
  return problems;
}

/** What the chosen tick source needs besides well-formed values: its keys, its file. */
function sourceProblems(input: Record<string, string | undefined>): string[] {
  const source = input.TICK_SOURCE?.trim();
  const need = (name: string) => (input[name] ? [] : [`${name}: required when TICK_SOURCE=${source}`]);
  if (source === 'finnhub') return need('FINNHUB_API_KEY');
  if (source === 'alpaca') return [...need('ALPACA_API_KEY_ID'), ...need('ALPACA_API_SECRET_KEY')];
  if (source === 'replay') {
    const file = replayFile({ REPLAY_FILE: input.REPLAY_FILE?.trim() || undefined });
    return existsSync(file) ? [] : [`REPLAY_FILE: no such file (got ${JSON.stringify(file)})`];
  }
  return [];
}

/** The store is chosen once: Postgres (DATABASE_URL) and STORE=memory exclude each other. */
function storeProblems(input: Record<string, string | undefined>): string[] {
  return input.DATABASE_URL && input.STORE?.trim() === 'memory'
    ? ['STORE: memory and DATABASE_URL exclude each other (unset one)']
    : [];
}

/** Variables whose values must never appear in a message or a log (feed URLs may carry keys in their query). */
export const SECRETS = new Set([
  'INGEST_TOKEN',
  'VIEW_TOKEN',
  'METRICS_TOKEN',
  'FINNHUB_API_KEY',
  'ALPACA_API_KEY_ID',
  'ALPACA_API_SECRET_KEY',
  'NEWS_FEEDS',
  'REDIS_URL',
  'DATABASE_URL',
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; empty strings count as unset. Throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const known = Object.keys(configSchema.shape);
  const input = Object.fromEntries(
    known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const parsed = configSchema.safeParse(input);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => {
          const name = String(i.path[0]);
          // A key is never echoed back, even a malformed one.
          const got = SECRETS.has(name) ? '' : ` (got ${JSON.stringify(input[name])})`;
          return `${i.path.join('.')}: ${i.message}${got}`;
        })),
    ...sourceProblems(input),
    ...newsProblems(input),
    ...storeProblems(input),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}
