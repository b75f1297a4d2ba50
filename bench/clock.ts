/**
 * Wall-clock milliseconds with sub-millisecond resolution. Every bench process uses this same
 * formula, so times taken in different processes on one machine can be compared (the bench also
 * checks the offset over IPC).
 */
export const nowMs = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
