import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './server-process.js';

/**
 * A PostgreSQL server for one test file: a private one (initdb into a temp folder, loopback
 * only, trust auth, fsync on) that the file stops at the end, or the one TEST_DATABASE_URL names.
 * Each file works in databases of its own (createDatabase), dropped by stop().
 */
export interface TestPostgres {
  /** URL of the maintenance database (postgres); use createDatabase for a test's own. */
  adminUrl: string;
  /** True for a private server this helper started (restartable); false for TEST_DATABASE_URL. */
  private: boolean;
  /** Creates a fresh database with a random name and returns its URL. */
  createDatabase(): Promise<string>;
  /** Private server only: stops it (fast shutdown), keeping its data. */
  halt(): Promise<void>;
  /** Private server only: starts it again on the same port and data. */
  resume(): Promise<void>;
  /** Drops the databases made here, and stops and deletes a private server. Always call it. */
  stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';

/** The folder of the newest installed PostgreSQL server binaries, or a clear error. */
export function postgresBin(root = PG_ROOT): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const v = versions[0];
  if (!v) {
    throw new Error(
      `PostgreSQL server binaries not found in ${root}/*/bin: the Postgres tests need them. ` +
        'Install the Debian package "postgresql" (apt-get install postgresql), or set TEST_DATABASE_URL ' +
        'to a server where the test user may create databases.',
    );
  }
  return join(root, v, 'bin');
}

/** Postgres refuses to run as root: as root, the server runs as the "postgres" user. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'running as root, the Postgres tests need the "postgres" user (Debian package "postgresql")',
    );
  }
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Starts (or connects to) a Postgres server for this test file. */
export async function startPostgres(): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  const made: string[] = [];
  const createDatabase = async (adminUrl: string) => {
    const name = `tw_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    made.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const dropAll = async (adminUrl: string) => {
    for (const name of made.splice(0)) {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    }
  };
  if (external) {
    const notPrivate = () => Promise.reject(new Error('TEST_DATABASE_URL server: not restartable here'));
    return {
      adminUrl: external,
      private: false,
      createDatabase: () => createDatabase(external),
      halt: notPrivate,
      resume: notPrivate,
      stop: () => dropAll(external),
    };
  }
  const server = new PrivatePostgres(postgresBin(), runAs(), await freePort());
  try {
    server.init();
    await server.start();
  } catch (err) {
    await server.destroy();
    throw err;
  }
  return {
    adminUrl: server.url,
    private: true,
    createDatabase: () => createDatabase(server.url),
    halt: () => server.halt(),
    resume: () => server.start(),
    async stop() {
      try {
        if (server.running) await dropAll(server.url);
      } finally {
        await server.destroy();
      }
    },
  };
}

/** A postgres process of our own, on 127.0.0.1 and a socket in its folder. */
class PrivatePostgres {
  readonly dir: string;
  readonly url: string;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private log = '';
  private watchdog: ChildProcess | null = null;
  private readonly onExit = () => this.child?.pid && process.kill(this.child.pid, 'SIGQUIT');

  constructor(
    private readonly bin: string,
    private readonly user: { uid: number; gid: number } | null,
    private readonly port: number,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'tw-pg-'));
    if (user) chownSync(this.dir, user.uid, user.gid);
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  init(): void {
    // initdb may skip its own fsync (a crash there only loses a test); the server runs with fsync on.
    execFileSync(
      join(this.bin, 'initdb'),
      [
        '-D',
        join(this.dir, 'data'),
        '-U',
        'postgres',
        '--auth=trust',
        '--no-sync',
        '-E',
        'UTF8',
        '--locale=C',
      ],
      { stdio: 'pipe', ...(this.user ?? {}), env: { ...process.env, LC_ALL: 'C' } },
    );
  }

  async start(): Promise<void> {
    if (this.child) return;
    const args = [
      '-D',
      join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-h',
      '127.0.0.1',
      '-k',
      this.dir,
      '-c',
      'fsync=on',
      '-c',
      'shared_buffers=16MB',
      '-c',
      'max_connections=60',
    ];
    const child = spawn(join(this.bin, 'postgres'), args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(this.user ?? {}),
    });
    this.child = child;
    this.log = '';
    child.stderr?.on('data', (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
    process.once('exit', this.onExit);
    this.watch(child);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!this.child) throw new Error(`postgres exited at start: ${this.log}`);
      try {
        await adminQuery(this.url, 'SELECT 1');
        return;
      } catch {
        // still starting
      }
      if (Date.now() > deadline) throw new Error(`postgres did not start in time: ${this.log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * A test process killed outright (SIGKILL, a runner's timeout) runs no 'exit' handler: a small
   * shell outside its process group stops the server and removes its folder once it is gone.
   */
  private watch(child: ChildProcess): void {
    const script = `while kill -0 "$1" 2>/dev/null; do sleep 1; done
kill -QUIT "$2" 2>/dev/null
i=0; while kill -0 "$2" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i+1)); done
rm -rf "$3"`;
    this.watchdog = spawn(
      'sh',
      ['-c', script, 'tw-pg-watchdog', String(process.pid), String(child.pid), this.dir],
      {
        stdio: 'ignore',
        detached: true,
      },
    );
    this.watchdog.unref();
  }

  /** Fast shutdown: open sessions are ended, the data is kept. */
  async halt(): Promise<void> {
    this.watchdog?.kill('SIGKILL');
    this.watchdog = null;
    const child = this.child;
    if (!child) return;
    process.off('exit', this.onExit);
    child.kill('SIGINT');
    const killed = setTimeout(() => child.kill('SIGQUIT'), 20_000);
    await this.exited;
    clearTimeout(killed);
  }

  async destroy(): Promise<void> {
    try {
      await this.halt();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
