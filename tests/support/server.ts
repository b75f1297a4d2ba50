import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import { type AppServer, createServer } from '../../server/create-server.js';
import type { Logger } from '../../server/logger.js';
import type { TickSource } from '../../server/market/types.js';

export interface TestServer {
  app: AppServer;
  url: string;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment, as the server would read it (DEMO_NEWS, STORE, ...). */
  env?: Record<string, string>;
  clock?: Clock;
  /** Serve the built client (dist/client); off by default. */
  withClient?: boolean;
  /** Reuse a data folder (to test restarts). */
  dataDir?: string;
  demoFirstDelayMs?: number;
  /** Delay before the first poll of the news feeds (default 0: the server listens before a poll answers). */
  newsFirstDelayMs?: number;
  /** Log somewhere (silent by default). */
  logger?: Logger;
  /** Where prices come from (default: the mock market). */
  tickSource?: TickSource;
  /** Port to listen on (default 0: any free port); a restart can take the previous one again. */
  port?: number;
  /** The version the server announces (default: package.json's), to test clients seeing an upgrade. */
  serverVersion?: string;
}

/** Starts the real server on 127.0.0.1 (port 0 unless given), with its own data folder; close() stops and cleans up. */
export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'tw-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DEMO_NEWS: 'off',
    MOCK_BACKFILL_MINUTES: '10',
    ...opts.env,
  });
  const app = await createServer({
    config,
    clock: opts.clock,
    logger: opts.logger,
    clientDir: opts.withClient ? undefined : null,
    demoFirstDelayMs: opts.demoFirstDelayMs,
    newsFirstDelayMs: opts.newsFirstDelayMs ?? 0,
    tickSource: opts.tickSource,
    serverVersion: opts.serverVersion,
  });
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    token: app.ingestToken,
    dataDir,
    async close() {
      await app.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
