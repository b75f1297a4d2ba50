import { ClientGroup } from './client-group.js';
import { sleep } from './clock.js';
import { type BenchContext, recordStartup } from './context.js';
import type { ClientJob } from './messages.js';
import type { MemoryRepeat, MemoryRun } from './results.js';
import { type RunningServer, startBaseline, startTickerwire } from './servers.js';

const CLIENTS = 1000;
const CLIENT_PROCESSES = 2;
const REPEATS = 3;
const SETTLE_MS = 500;

async function once(server: RunningServer, kind: ClientJob['kind']): Promise<MemoryRepeat & { gc: boolean }> {
  await sleep(SETTLE_MS);
  const before = await server.child.ask({ type: 'usage', gc: true });
  const group = await ClientGroup.start(kind, server.url, CLIENTS, CLIENT_PROCESSES);
  try {
    await sleep(SETTLE_MS);
    const after = await server.child.ask({ type: 'usage', gc: true });
    return {
      before: before.memory,
      after: after.memory,
      rssPerClient: (after.memory.rss - before.memory.rss) / CLIENTS,
      heapUsedPerClient: (after.memory.heapUsed - before.memory.heapUsed) / CLIENTS,
      gc: before.gc && after.gc,
    };
  } finally {
    await group.stop();
  }
}

async function run(
  ctx: BenchContext,
  system: string,
  kind: ClientJob['kind'],
  start: (r: number) => Promise<RunningServer>,
): Promise<MemoryRun> {
  const repeats: MemoryRepeat[] = [];
  let gc = true;
  for (let r = 0; r < REPEATS; r++) {
    ctx.progress(`memory: ${system}: repeat ${r + 1}/${REPEATS}`);
    const server = await start(r);
    try {
      const { gc: collected, ...figures } = await once(server, kind);
      gc &&= collected;
      repeats.push(figures);
    } finally {
      await server.stop();
    }
  }
  return { system, clients: CLIENTS, gc, repeats };
}

/** 4. Server memory before and after 1000 idle clients, each repeat on a fresh server process. */
export async function memorySection(ctx: BenchContext): Promise<void> {
  ctx.results.memory.push(
    await run(ctx, 'tickerwire (socket.io)', 'socketio', async (r) => {
      const tw = await startTickerwire(ctx.tmpRoot, `memory-${r}`);
      recordStartup(ctx, `tickerwire (memory ${r + 1})`, 5, tw);
      return tw;
    }),
  );
  ctx.results.memory.push(
    await run(ctx, 'baseline (bare ws)', 'ws', (r) => startBaseline(ctx.tmpRoot, `memory-baseline-${r}`)),
  );
}
