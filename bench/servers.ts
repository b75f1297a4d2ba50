import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ChildHandle, forkChild, readyLine } from './children.js';
import { nowMs } from './clock.js';
import type { ReadyLine, ServerJob } from './messages.js';

const READY_TIMEOUT_MS = 120_000;

/** Extra node flags for the Tickerwire server child, e.g. BENCH_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'. */
const serverFlags = () => (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);

/** Extra environment for every Tickerwire server child, as JSON, e.g. BENCH_SERVER_ENV='{"REACTION_LIVE_STORIES":"1"}'. */
function serverEnv(): Record<string, string> {
  const raw = process.env.BENCH_SERVER_ENV;
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('BENCH_SERVER_ENV must be a JSON object of strings');
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

/** Generous so the ingest benchmark measures the server, not its rate limiter. */
export const BENCH_INGEST_RATE = '1000000';

export interface RunningServer {
  child: ChildHandle;
  url: string;
  token: string;
  /** From fork() to the ready line (process start, imports, build, backfill, listen). */
  readyMs: number;
  /** createServer() alone, measured in the child. */
  createMs: number;
  stop(): Promise<void>;
}

async function start(child: ChildHandle): Promise<RunningServer> {
  try {
    const ready = await readyLine<ReadyLine>(child, READY_TIMEOUT_MS);
    return {
      child,
      url: ready.url,
      token: ready.token ?? '',
      readyMs: nowMs() - child.startedAt,
      createMs: ready.createMs,
      stop: () => child.stop(),
    };
  } catch (err) {
    await child.stop();
    throw err;
  }
}

/** The real server in a child process, with its own data folder under `tmpRoot`. */
export function startTickerwire(
  tmpRoot: string,
  name: string,
  env: Record<string, string> = {},
  more: Omit<ServerJob, 'env'> = {},
) {
  const dataDir = join(tmpRoot, name);
  mkdirSync(dataDir, { recursive: true });
  const job: ServerJob = {
    env: {
      DATA_DIR: dataDir,
      INGEST_RATE_PER_MINUTE: BENCH_INGEST_RATE,
      // Thousands of clients in a few processes on busy cores can answer a ping late: the bench
      // measures fan-out, not liveness, so it gives them a minute instead of 8 s.
      SOCKET_PING_INTERVAL_MS: '25000',
      SOCKET_PING_TIMEOUT_MS: '60000',
      ...env,
      ...serverEnv(),
    },
    ...more,
  };
  const child = forkChild('server-process.ts', job, { nodeFlags: ['--expose-gc', ...serverFlags()] });
  return start(child);
}

/** The bare http + ws baseline in a child process, with a data folder under `tmpRoot`. */
export function startBaseline(tmpRoot: string, name: string): Promise<RunningServer> {
  const dataDir = join(tmpRoot, name);
  mkdirSync(dataDir, { recursive: true });
  return start(forkChild('baseline-process.ts', { dataDir }, { nodeFlags: ['--expose-gc'] }));
}

/** The bare Socket.IO reference for story latency (bench/socketio-baseline-process.ts) in a child process. */
export function startSocketIoBaseline(): Promise<RunningServer> {
  return start(forkChild('socketio-baseline-process.ts', {}, { nodeFlags: ['--expose-gc'] }));
}

/** The naive tick baseline (one Socket.IO message per tick per client) in a child process. */
export function startNaiveTicks(ticksPerSecond: number): Promise<RunningServer> {
  return start(
    forkChild('naive-ticks-process.ts', { ticksPerSecond }, { nodeFlags: ['--expose-gc', ...serverFlags()] }),
  );
}

/** The raw ws limit of batched ticks (one frame per client per 100 ms, no Socket.IO) in a child process. */
export function startLimitTicks(ticksPerSecond: number): Promise<RunningServer> {
  return start(
    forkChild('limit-ticks-process.ts', { ticksPerSecond }, { nodeFlags: ['--expose-gc', ...serverFlags()] }),
  );
}
