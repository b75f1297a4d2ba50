import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { PostgresStore } from './postgres-store.js';

/** The Postgres store of DATABASE_URL; a lost connection is logged and the pool opens a new one. */
export function openPostgresStore(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  logger: Logger,
): Promise<PostgresStore> {
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set');
  return PostgresStore.open({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    onError: (err) => logger.warn({ err: { message: err.message } }, 'postgres connection lost'),
  });
}
