import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../server/version.js';
import { freePort } from './server-process.js';

export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

export interface TestNginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * The shipped deploy/nginx.conf, as is but for its upstream servers (these nodes) and its listen
 * address (a free loopback port), run by a private nginx in a temporary prefix. Always stop() it.
 */
export async function startNginx(nodes: string[]): Promise<TestNginx> {
  if (!existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX}: install Debian's nginx package`);
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'tw-nginx-'));
  chmodSync(prefix, 0o777);
  const shipped = readFileSync(join(projectRoot(), 'deploy', 'nginx.conf'), 'utf8');
  const servers = nodes.map((u) => `    server ${new URL(u).host} max_fails=1 fail_timeout=5s;`).join('\n');
  const site = shipped
    .replace(/(\n {4}server 10\.0\.0\.\d+:3000[^\n]*)+/, `\n${servers}`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
  if (!site.includes(`127.0.0.1:${port}`) || site.includes('10.0.0.'))
    throw new Error('deploy/nginx.conf changed shape');
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    [
      'worker_processes 1;',
      `pid ${prefix}/nginx.pid;`,
      `error_log ${prefix}/error.log warn;`,
      'daemon off;',
      'events { worker_connections 512; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${prefix}/${t};`),
      site,
      '}',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', conf, '-e', `${prefix}/error.log`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(prefix, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const log = existsSync(`${prefix}/error.log`) ? readFileSync(`${prefix}/error.log`, 'utf8') : '';
      await stop();
      throw new Error(`nginx exited: ${stderr} ${log}`);
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, stop };
}
