/**
 * The real Tickerwire server in its own process: argv[2] is {env, ticksPerSecond?}: environment
 * overrides (DATA_DIR, MOCK_BACKFILL_MINUTES, ...) and, for the ticks section, the rate of a
 * bench tick source (bench/tick-generator.ts) used instead of the mock market. Prints {url, token, createMs} as one JSON line on stdout
 * once it listens on 127.0.0.1, answers memory probes over IPC, and closes cleanly on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config.js';
import { createServer } from '../server/create-server.js';
import { answerProbes, childArg, exitWhenTold } from './child-runtime.js';
import type { ReadyLine, ServerJob } from './messages.js';
import { answerTickProbes, BenchTickSource } from './tick-generator.js';

const { env, ticksPerSecond, tickSymbols, withClient } = childArg<ServerJob>();
const ticks = ticksPerSecond ? new BenchTickSource(ticksPerSecond, tickSymbols) : undefined;
const ownDir = env.DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'tw-bench-'));
const started = performance.now();
const config = loadConfig({
  PORT: '0',
  LOG_LEVEL: 'silent',
  DEMO_NEWS: 'off',
  MOCK_BACKFILL_MINUTES: '5',
  ...env,
  ...(ownDir ? { DATA_DIR: ownDir } : {}),
});
const app = await createServer({ config, clientDir: withClient ? undefined : null, tickSource: ticks });
const createMs = performance.now() - started;
exitWhenTold(async () => {
  await app.close();
  if (ownDir) rmSync(ownDir, { recursive: true, force: true });
});
answerProbes();
answerTickProbes(ticks);
await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
const { port } = app.httpServer.address() as AddressInfo;
const ready: ReadyLine = { url: `http://127.0.0.1:${port}`, token: app.ingestToken, createMs };
process.stdout.write(`${JSON.stringify(ready)}\n`);
