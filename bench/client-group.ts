import { type ChildHandle, forkChild } from './children.js';
import { nowMs } from './clock.js';
import type { ClientJob } from './messages.js';

const READY_TIMEOUT_MS = 150_000;
const CLOCK_SAMPLES = 20;

/** Offset of a child's clock from ours (ms), estimated from the fastest IPC round trip. */
export interface ClockCheck {
  offsetMs: number;
  /** Half the fastest round trip: the uncertainty of offsetMs. */
  uncertaintyMs: number;
}

export interface GroupReport {
  /** seq -> receive times of every client that got it (parent clock). */
  receipts: Map<number, number[]>;
  disconnects: number;
  otherMessages: number;
  /** Characters of reactions:updated frames, all clients. */
  reactionBytes: number;
  ticks: number;
  tickFrames: number;
  /** Tick age in whole ms -> how many ticks arrived that old. */
  tickAges: Map<number, number>;
}

/** C clients spread over a few client processes, driven from the parent. */
/** Extra node flags for the client processes, e.g. BENCH_CLIENT_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'. */
const clientFlags = () => (process.env.BENCH_CLIENT_FLAGS ?? '').split(' ').filter(Boolean);

export class ClientGroup {
  private readonly completions = new Map<number, number>();
  private readonly waiters = new Map<number, () => void>();
  /** Corrections to add to each child's times to put them on our clock. */
  private corrections: number[] = [];

  private constructor(
    readonly children: ChildHandle[],
    readonly total: number,
    readonly connectMs: number,
  ) {
    for (const child of children) {
      child.onMessage((msg) => {
        if (msg.type !== 'complete') return;
        const n = (this.completions.get(msg.seq) ?? 0) + 1;
        this.completions.set(msg.seq, n);
        if (n === children.length) this.waiters.get(msg.seq)?.();
      });
    }
    this.corrections = children.map(() => 0);
  }

  /** Forks `processes` client processes sharing `total` clients and waits until all are connected. */
  static async start(
    kind: ClientJob['kind'],
    url: string,
    total: number,
    processes: number,
    watchPerClient?: number,
  ): Promise<ClientGroup> {
    const started = nowMs();
    const children: ChildHandle[] = [];
    try {
      let firstIndex = 0;
      for (let i = 0; i < processes; i++) {
        const count = Math.floor(total / processes) + (i < total % processes ? 1 : 0);
        const job: ClientJob = {
          kind,
          url,
          count,
          ...(watchPerClient ? { watch: { perClient: watchPerClient, firstIndex } } : {}),
        };
        firstIndex += count;
        children.push(forkChild('client-process.ts', job, { nodeFlags: clientFlags() }));
      }
      await Promise.all(children.map((c) => c.next('ready', READY_TIMEOUT_MS)));
    } catch (err) {
      await Promise.all(children.map((c) => c.stop()));
      throw err;
    }
    return new ClientGroup(children, total, nowMs() - started);
  }

  /**
   * Measures each child's clock offset; where it exceeds its uncertainty, later reports are
   * corrected by it. Returns the checks.
   */
  async checkClocks(): Promise<ClockCheck[]> {
    const checks: ClockCheck[] = [];
    for (const child of this.children) {
      let best: ClockCheck = { offsetMs: 0, uncertaintyMs: Number.POSITIVE_INFINITY };
      for (let i = 0; i < CLOCK_SAMPLES; i++) {
        const t0 = nowMs();
        const { t } = await child.ask({ type: 'clock' });
        const t1 = nowMs();
        const half = (t1 - t0) / 2;
        if (half < best.uncertaintyMs) best = { offsetMs: t - (t0 + half), uncertaintyMs: half };
      }
      checks.push(best);
    }
    this.corrections = checks.map((c) => (Math.abs(c.offsetMs) > c.uncertaintyMs ? -c.offsetMs : 0));
    return checks;
  }

  /** Resolves true once every client got `seq`, false after the timeout. */
  waitComplete(seq: number, timeoutMs: number): Promise<boolean> {
    if (this.completions.get(seq) === this.children.length) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(seq);
        resolve(false);
      }, timeoutMs);
      this.waiters.set(seq, () => {
        clearTimeout(timer);
        this.waiters.delete(seq);
        resolve(true);
      });
    });
  }

  /** Collects (and clears in the children) every receipt so far, on the parent's clock. */
  async report(): Promise<GroupReport> {
    const out: GroupReport = {
      receipts: new Map(),
      disconnects: 0,
      otherMessages: 0,
      reactionBytes: 0,
      ticks: 0,
      tickFrames: 0,
      tickAges: new Map(),
    };
    const replies = await Promise.all(this.children.map((c) => c.ask({ type: 'report' }, 30_000)));
    replies.forEach((r, i) => {
      const fix = this.corrections[i] ?? 0;
      out.disconnects += r.disconnects;
      out.otherMessages += r.otherMessages;
      out.reactionBytes += r.reactionBytes;
      out.ticks += r.ticks;
      out.tickFrames += r.tickFrames;
      for (const [age, n] of Object.entries(r.tickAges))
        out.tickAges.set(Number(age), (out.tickAges.get(Number(age)) ?? 0) + n);
      for (const [key, times] of Object.entries(r.receipts)) {
        const seq = Number(key);
        const all = out.receipts.get(seq) ?? [];
        for (const t of times) all.push(t + fix);
        out.receipts.set(seq, all);
      }
    });
    this.completions.clear();
    return out;
  }

  /** CPU time (user + system, µs) each client process has used so far. */
  async cpu(): Promise<number[]> {
    const replies = await Promise.all(this.children.map((c) => c.ask({ type: 'usage', gc: false })));
    return replies.map((r) => r.cpu.user + r.cpu.system);
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => c.stop()));
  }
}
