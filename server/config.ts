import { existsSync } from 'node:fs';
import { z } from 'zod';

const onOff = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no']))
  .transform((v) => ['on', 'true', '1', 'yes'].includes(v));

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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
  TICK_SOURCE: z.enum(['mock']).default('mock'),
  MARKET_SEED: z.string().min(1).max(200).default('tickerwire'),
  MOCK_BACKFILL_MINUTES: int(0, 24 * 60).default(120),
  TICK_RETENTION_HOURS: int(1, 24 * 30).default(48),
  STORE: z.enum(['sqlite', 'memory']).default('sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  INGEST_RATE_PER_MINUTE: int(1, 1_000_000).default(6_000),
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
});

export type Config = z.output<typeof configSchema>;

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
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(input[String(i.path[0])])})`,
      ),
    );
  }
  return parsed.data;
}
