import { ConfigError, loadConfig } from './config.js';
import { createServer } from './create-server.js';
import { createLogger } from './logger.js';
import { SERVER_VERSION } from './version.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  let server: Awaited<ReturnType<typeof createServer>>;
  try {
    server = await createServer({ config, logger });
  } catch (err) {
    // A bad tokens file is a configuration problem: say which, and stop.
    if (err instanceof Error && err.message.startsWith('ingest tokens file')) {
      console.error(`Invalid configuration:\n  - ${err.message}`);
      process.exit(78);
    }
    throw err;
  }
  if (server.ingestTokenFile && config.INGEST_DEFAULT_TOKEN) {
    logger.info(`ingest token (for POST /api/articles) is in ${server.ingestTokenFile}`);
  }
  if (server.perSourceTokens > 0) {
    logger.info(`${server.perSourceTokens} per-source ingest token(s) from ${server.ingestTokensFile}`);
  }
  if (config.VIEW_TOKEN) logger.info('viewer token required for REST reads and sockets (VIEW_TOKEN)');
  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen(config.PORT, config.HOST, resolve);
  });
  const addr = server.httpServer.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  logger.info(
    { version: SERVER_VERSION, store: server.store.kind },
    `Tickerwire is live at http://${config.HOST}:${port}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
