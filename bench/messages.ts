/** Messages between the bench (parent) and its child processes, over the fork IPC channel. */

export type ParentMessage =
  /** Memory (after a full GC when `gc` and --expose-gc) and CPU time used so far. */
  { type: 'usage'; gc: boolean } | { type: 'clock' } | { type: 'report' };

export type ChildMessage =
  | { type: 'usage'; memory: NodeJS.MemoryUsage; cpu: NodeJS.CpuUsage; gc: boolean }
  | { type: 'clock'; t: number }
  | { type: 'ready'; connected: number; connectMs: number }
  | { type: 'failed'; message: string }
  | { type: 'complete'; seq: number }
  | { type: 'report'; receipts: Record<string, number[]>; disconnects: number; otherMessages: number };

export type ChildMessageType = ChildMessage['type'];
export type ChildMessageOf<T extends ChildMessageType> = Extract<ChildMessage, { type: T }>;

/** The line a server child prints on stdout once it listens. */
export interface ReadyLine {
  url: string;
  /** Bearer token for POST /api/articles (the Tickerwire server only). */
  token?: string;
  /** Time spent building the server before listening (ms), measured inside the child. */
  createMs: number;
}

/** What a client child is asked to do (its argv[2], as JSON). */
export interface ClientJob {
  kind: 'socketio' | 'ws';
  url: string;
  count: number;
}
