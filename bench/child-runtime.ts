import type { ChildMessage, ParentMessage } from './messages.js';

const STOP_DEADLINE_MS = 4_000;

export function sendToParent(msg: ChildMessage): void {
  process.send?.(msg);
}

/** Calls `handler` for every message from the parent. */
export function onParentMessage(handler: (msg: ParentMessage) => void): void {
  process.on('message', (msg) => handler(msg as ParentMessage));
}

/**
 * Runs `stop` once, then exits, on SIGTERM/SIGINT or when the parent goes away (IPC closed), so a
 * child never outlives the bench. Exits anyway if stopping takes too long.
 */
export function exitWhenTold(stop: () => Promise<void> | void): void {
  let stopping = false;
  const exit = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), STOP_DEADLINE_MS).unref();
    Promise.resolve()
      .then(stop)
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
  process.on('disconnect', exit);
}

/** Answers 'usage' (memory, after a full GC when asked and --expose-gc is on; CPU time) and 'clock'. */
export function answerProbes(): void {
  onParentMessage((msg) => {
    if (msg.type === 'usage') {
      const collect = msg.gc ? globalThis.gc : undefined;
      if (collect) {
        collect();
        collect();
      }
      const memory = process.memoryUsage();
      sendToParent({ type: 'usage', memory, cpu: process.cpuUsage(), gc: collect !== undefined });
    } else if (msg.type === 'clock') {
      sendToParent({ type: 'clock', t: performance.timeOrigin + performance.now() });
    }
  });
}

/** argv[2] as JSON (what forkChild passed). */
export function childArg<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}
