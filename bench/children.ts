import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nowMs } from './clock.js';
import type { ChildMessage, ChildMessageOf, ChildMessageType, ParentMessage } from './messages.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STOP_GRACE_MS = 5_000;

const live = new Set<ChildHandle>();

/** A forked bench child (run through tsx) with typed IPC; every handle is tracked until it exits. */
export class ChildHandle {
  readonly exited: Promise<void>;
  readonly startedAt = nowMs();
  private readonly listeners = new Set<(msg: ChildMessage) => void>();

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    live.add(this);
    this.exited = new Promise((resolve) => {
      proc.once('exit', () => {
        live.delete(this);
        resolve();
      });
    });
    proc.on('message', (msg) => {
      for (const l of [...this.listeners]) l(msg as ChildMessage);
    });
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  onMessage(listener: (msg: ChildMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(msg: ParentMessage): void {
    this.proc.send(msg);
  }

  /** The next message of a type; rejects if the child exits first or after the timeout. */
  next<T extends ChildMessageType>(type: T, timeoutMs: number): Promise<ChildMessageOf<T>> {
    return new Promise((resolve, reject) => {
      const done = () => {
        off();
        clearTimeout(timer);
        this.proc.off('exit', onExit);
      };
      const off = this.onMessage((msg) => {
        if (msg.type === 'failed') {
          done();
          reject(new Error(`${this.name}: ${msg.message}`));
        } else if (msg.type === type) {
          done();
          resolve(msg as ChildMessageOf<T>);
        }
      });
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`${this.name} exited (code ${code}) while waiting for '${type}'`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name}: no '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.proc.once('exit', onExit);
    });
  }

  /** Sends a request and waits for the reply of the same type. */
  ask<M extends ParentMessage>(msg: M, timeoutMs = 10_000): Promise<ChildMessageOf<M['type']>> {
    const reply = this.next<M['type']>(msg.type, timeoutMs);
    this.send(msg);
    return reply;
  }

  /** SIGTERM, then SIGKILL if it has not exited after a grace period. */
  async stop(): Promise<void> {
    if (!this.running) return this.exited;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface ForkOptions {
  /** Extra node flags (e.g. --expose-gc). */
  nodeFlags?: string[];
}

/** Forks bench/<script> with tsx, stdout piped (for a ready line), stderr shown, IPC on. */
export function forkChild(script: string, arg: unknown, opts: ForkOptions = {}): ChildHandle {
  const proc = fork(fileURLToPath(new URL(script, import.meta.url)), [JSON.stringify(arg)], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...(opts.nodeFlags ?? [])],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new ChildHandle(script.replace(/\.ts$/, ''), proc);
}

/** Resolves with the first stdout line of a child, parsed as JSON; later output is discarded. */
export function readyLine<T>(child: ChildHandle, timeoutMs: number): Promise<T> {
  const out = child.proc.stdout;
  if (!out) return Promise.reject(new Error(`${child.name} has no stdout`));
  return new Promise((resolve, reject) => {
    let buffered = '';
    const finish = (err: Error | null, value?: T) => {
      clearTimeout(timer);
      child.proc.off('exit', onExit);
      out.off('data', onData);
      out.resume();
      if (err) reject(err);
      else resolve(value as T);
    };
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      try {
        finish(null, JSON.parse(buffered.slice(0, nl)) as T);
      } catch {
        finish(
          new Error(`${child.name} printed something else than its ready line: ${buffered.slice(0, 200)}`),
        );
      }
    };
    const onExit = (code: number | null) =>
      finish(new Error(`${child.name} exited (code ${code}) before ready`));
    const timer = setTimeout(
      () => finish(new Error(`${child.name} not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    out.on('data', onData);
    child.proc.once('exit', onExit);
  });
}

/** Stops every child still running (used in finally blocks and on signals). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((c) => c.stop()));
}

/** Last resort on process exit: kill synchronously whatever is left. */
export function killAllChildrenNow(): void {
  for (const c of live) if (c.running) c.proc.kill('SIGKILL');
}
