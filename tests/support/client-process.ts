import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../server/version.js';
import type { ClientReport } from '../chaos/client-process.js';

export type { ClientReport };

/** A feed client running as its own process (tests/chaos/client-process.ts), which a test may SIGSTOP. */
export interface ClientProcess {
  child: ChildProcess;
  report(): Promise<ClientReport>;
  /** Closes the client and ends the process (SIGKILL if it does not go). */
  stop(): Promise<void>;
}

/** Starts a client process and resolves once it is connected. */
export async function spawnClient(
  url: string,
  opts: { tickers?: string[]; tickSymbols?: string[] } = {},
): Promise<ClientProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot(), 'tests', 'chaos', 'client-process.ts')],
    {
      cwd: projectRoot(),
      env: {
        ...process.env,
        FEED_URL: url,
        FEED_TICKERS: (opts.tickers ?? []).join(','),
        FEED_TICK_SYMBOLS: (opts.tickSymbols ?? []).join(','),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client process did not connect')), 20_000);
    child.once('message', (m) => {
      if (m === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
  });
  return {
    child,
    report: () =>
      new Promise<ClientReport>((resolve) => {
        const on = (m: unknown) => {
          if (typeof m !== 'object' || m === null) return;
          child.off('message', on);
          resolve(m as ClientReport);
        };
        child.on('message', on);
        child.send('report');
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      if (child.connected) child.send('close');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
