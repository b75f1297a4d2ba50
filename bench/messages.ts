/** Messages between the bench (parent) and its child processes, over the fork IPC channel. */

export type ParentMessage =
  /** Memory (after a full GC when `gc` and --expose-gc) and CPU time used so far. */
  | { type: 'usage'; gc: boolean }
  | { type: 'clock' }
  | { type: 'report' }
  /** How many ticks the server's bench tick source made so far. */
  | { type: 'ticks' }
  /** Start (at perSecond ticks a second when given) or pause the bench tick source (clients connect while it is paused). */
  | { type: 'start-ticks'; perSecond?: number }
  | { type: 'pause-ticks' };

export type ChildMessage =
  | { type: 'usage'; memory: NodeJS.MemoryUsage; cpu: NodeJS.CpuUsage; gc: boolean }
  | { type: 'clock'; t: number }
  | { type: 'ready'; connected: number; connectMs: number }
  | { type: 'failed'; message: string }
  | { type: 'complete'; seq: number }
  | {
      type: 'report';
      receipts: Record<string, number[]>;
      disconnects: number;
      otherMessages: number;
      /** Characters of reactions:updated frames received since the last report. */
      reactionBytes: number;
      /**
       * Ticks received since the last report, and the ages of the newest prices (for each symbol in
       * a frame, receipt minus the time of its newest tick there; whole ms -> count).
       */
      ticks: number;
      tickAges: Record<string, number>;
      /** Frames (ticks:batch or single tick messages) received since the last report. */
      tickFrames: number;
    }
  | { type: 'ticks'; made: number }
  | { type: 'start-ticks' }
  | { type: 'pause-ticks' };

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
  /**
   * socketio: Tickerwire (ticks:batch); naive: the one-message-per-tick baseline (tick); ws: raw ws
   * (stories); ws-ticks: the raw ws limit of batched ticks (bench/limit-ticks-process.ts).
   */
  kind: 'socketio' | 'ws' | 'naive' | 'ws-ticks';
  url: string;
  count: number;
  /** Each client watches this many bench symbols (ticks:subscribe), client i from symbol i on. */
  watch?: { perClient: number; firstIndex: number };
}

/** What the Tickerwire server child is asked to run (its argv[2], as JSON). */
export interface ServerJob {
  env: Record<string, string>;
  /** Ticks a second from the bench tick source instead of the mock market. */
  ticksPerSecond?: number;
  /** The symbols it ticks (default: the 100 bench symbols). */
  tickSymbols?: string[];
  /** Serve the built client (dist/client). */
  withClient?: boolean;
}
