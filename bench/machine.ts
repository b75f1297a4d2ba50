import { cpus, loadavg, totalmem } from 'node:os';
import { sleep } from './clock.js';
import type { Meta } from './results.js';

/** Above this share of CPU busy while the bench is idle, other work on the machine disturbs the figures. */
export const BUSY_WARNING_PERCENT = 15;

export function machineMeta(): Meta {
  const cpu = cpus();
  return {
    node: process.version,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    platform: `${process.platform} ${process.arch}`,
    totalMemoryMiB: Math.round(totalmem() / 1024 / 1024),
    date: new Date().toISOString(),
    loadAverage1m: loadavg()[0] ?? Number.NaN,
    busyBeforePercent: Number.NaN,
    busyAfterPercent: Number.NaN,
  };
}

function cpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const c of cpus()) {
    idle += c.times.idle;
    total += c.times.idle + c.times.user + c.times.nice + c.times.sys + c.times.irq;
  }
  return { idle, total };
}

/** Share of all CPUs busy (percent) over `ms` while this process waits: work of others. */
export async function busyPercent(ms = 1_000): Promise<number> {
  const a = cpuTimes();
  await sleep(ms);
  const b = cpuTimes();
  const total = b.total - a.total;
  return total > 0 ? (100 * (total - (b.idle - a.idle))) / total : Number.NaN;
}
