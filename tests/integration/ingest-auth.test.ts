import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import type { Article } from '../../shared/index.js';
import { getJson, makeArticle, postArticle } from '../support/client.js';
import { startServer, type TestServer } from '../support/server.js';
import { freePort, spawnServer } from '../support/server-process.js';

/** Runs `npm run token -- <args>` as an operator would (through tsx); returns what it printed. */
function tokenCli(dataDir: string, ...args: string[]): string {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', join(projectRoot(), 'scripts', 'ingest-token.ts'), ...args],
    {
      cwd: projectRoot(),
      env: { ...process.env, DATA_DIR: dataDir, INGEST_TOKENS_FILE: '' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  ).trim();
}

let dataDir: string;
let server: TestServer;
let reuters: string;
let bridge: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tw-auth-'));
  reuters = tokenCli(dataDir, 'reuters-bridge');
  bridge = tokenCli(dataDir, 'pr-bridge');
  server = await startServer({ dataDir, env: { STORE: 'memory', INGEST_RATE_PER_MINUTE: '5' } });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('per-source ingest tokens', () => {
  it('the CLI prints a token once and keeps only its hash, in a file only its owner reads', () => {
    const file = readFileSync(join(dataDir, 'ingest-tokens'), 'utf8');
    expect(reuters).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(file).not.toContain(reuters);
    expect(file).toMatch(/^reuters-bridge:[0-9a-f]{64}\npr-bridge:[0-9a-f]{64}\n$/);
    expect(statSync(join(dataDir, 'ingest-tokens')).mode & 0o777).toBe(0o600);
    expect(server.app.perSourceTokens).toBe(2);
  });

  it('a per-source token posts as its source (filled in when left out) and never as another', async () => {
    const own = await postArticle(server.url, reuters, makeArticle({ source: 'reuters-bridge' }));
    expect(own.status).toBe(201);
    const { source: _omit, ...noSource } = makeArticle({ headline: 'Source filled in by the token' });
    const filled = await postArticle(server.url, reuters, noSource);
    expect(filled.status).toBe(201);
    expect(filled.body.source).toBe('reuters-bridge');
    const other = await postArticle(
      server.url,
      reuters,
      makeArticle({ source: 'pr-bridge', headline: 'Spoof' }),
    );
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'FORBIDDEN' });
    // the default token still posts as any source
    expect((await postArticle(server.url, server.token, makeArticle({ source: 'pr-bridge' }))).status).toBe(
      201,
    );
    const all = await getJson<{ articles: Article[] }>(`${server.url}/api/articles?limit=500`);
    expect(all.body.articles.some((a) => a.headline === 'Spoof')).toBe(false);
  });

  it('answers a missing, unknown, wrong or malformed token with the very same 401', async () => {
    const answers = [];
    for (const token of [null, 'x', `${reuters}x`, reuters.slice(0, -1), 'a'.repeat(5_000), ' ']) {
      const res = await fetch(`${server.url}/api/articles`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(makeArticle()),
      });
      answers.push({ status: res.status, auth: res.headers.get('www-authenticate'), body: await res.text() });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.status).toBe(401);
  });

  it('limits the rate per token, with Retry-After, without touching other tokens', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${server.url}/api/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge}` },
        body: JSON.stringify(makeArticle({ source: 'pr-bridge' })),
      });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('retry-after');
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      } else await res.body?.cancel();
    }
    expect(statuses.filter((s) => s === 201).length).toBe(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // reuters-bridge has its own budget (two of five used above)
    expect((await postArticle(server.url, reuters, makeArticle({ source: 'reuters-bridge' }))).status).toBe(
      201,
    );
  });
});

describe('ingest configuration', () => {
  it('takes the body size limit from INGEST_BODY_LIMIT', async () => {
    const small = await startServer({ env: { STORE: 'memory', INGEST_BODY_LIMIT: '2kb' } });
    try {
      const ok = await postArticle(small.url, small.token, makeArticle({ summary: 'x'.repeat(1_500) }));
      expect(ok.status).toBe(201);
      const big = await postArticle(small.url, small.token, makeArticle({ summary: 'x'.repeat(3_000) }));
      expect(big.status).toBe(413);
      expect(String((big.body.error as { message: string }).message)).toContain('2 kB');
    } finally {
      await small.close();
    }
  });

  it('a bad body limit or tokens file stops the process with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-badcfg-'));
    try {
      await expect(
        spawnServer({ DATA_DIR: dir, INGEST_BODY_LIMIT: 'lots' }, await freePort()),
      ).rejects.toThrow(/INGEST_BODY_LIMIT: must be a size from 1kb to 50mb/);
      await expect(
        spawnServer({ DATA_DIR: dir, INGEST_TOKENS_FILE: join(dataDir, 'nowhere') }, await freePort()),
      ).rejects.toThrow(/INGEST_TOKENS_FILE: file not found/);
      const bad = join(dir, 'tokens');
      (await import('node:fs')).writeFileSync(bad, 'reuters-bridge:not-a-hash\n');
      await expect(spawnServer({ DATA_DIR: dir, INGEST_TOKENS_FILE: bad }, await freePort())).rejects.toThrow(
        /exited with 78.*ingest tokens file .*line 1/s,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('with INGEST_DEFAULT_TOKEN=off only per-source tokens are accepted', async () => {
    const strict = await startServer({ dataDir, env: { STORE: 'memory', INGEST_DEFAULT_TOKEN: 'off' } });
    try {
      expect((await postArticle(strict.url, strict.token, makeArticle())).status).toBe(401);
      expect((await postArticle(strict.url, reuters, makeArticle({ source: 'reuters-bridge' }))).status).toBe(
        201,
      );
    } finally {
      await strict.app.close();
    }
  });
});
