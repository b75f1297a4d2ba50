// `npm start`: builds what is missing or out of date, then runs the server (API + built client, one port).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = join(root, 'dist/node/server/main.js');
const clientEntry = join(root, 'dist/client/index.html');

/** Newest modification time of any file under the given paths. */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else max = Math.max(max, st.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return max;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const shared = ['shared', 'package.json'];
const steps = [];
if (mtime(serverEntry) < newest(['server', 'tsconfig.json', 'tsconfig.server.json', ...shared]))
  steps.push('build:server');
if (mtime(clientEntry) < newest(['client', 'vite.config.ts', ...shared])) steps.push('build:client');
for (const step of steps) {
  console.log(`[start] npm run ${step}`);
  const r = spawnSync('npm', ['run', '--silent', step], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(pathToFileURL(serverEntry).href);
