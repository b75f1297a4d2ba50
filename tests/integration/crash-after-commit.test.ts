import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article, ArticlePage } from '../../shared/index.js';
import type { TestSocket } from '../support/client.js';
import { waitUntil } from '../support/client.js';
import { freePort, type ServerProcess, spawnServer } from '../support/server-process.js';

const TOKEN = 'crash-test-token-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'tw-crash-'));
let server: ServerProcess | null = null;
let socket: TestSocket | null = null;
afterAll(async () => {
  socket?.disconnect();
  if (server) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  fetch(`${url}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });

describe('a crash between commit and answer', () => {
  it('gives the retry the same story back, stores one row, and shows it once', {
    timeout: 60_000,
  }, async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, INGEST_TOKEN: TOKEN, MOCK_BACKFILL_MINUTES: '1' };
    server = await spawnServer({ ...env, FAULT_KILL_AFTER_COMMIT: 'doomed-1' }, port);
    const seen: number[] = [];
    socket = io(server.url, {
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      auth: (cb) => cb({ lastSeq: seen.at(-1) ?? 0 }),
    });
    socket.on('article:published', (a) => seen.push(a.seq));
    await new Promise((r) => socket?.once('connect', () => r(null)));

    const before = await post(server.url, {
      headline: 'Before the crash',
      source: 'wire',
      externalId: 'ok-1',
    });
    expect(before.status).toBe(201);
    await waitUntil(() => seen.length === 1, 'the first story');

    const story = { headline: 'Committed, then the server died', source: 'wire', externalId: 'doomed-1' };
    await expect(post(server.url, story)).rejects.toThrow(); // no answer: the process is gone
    expect(await server.exited).toBeNull(); // killed by a signal
    server = await spawnServer(env, port);

    const retry = await post(server.url, story);
    expect(retry.status).toBe(200); // already stored: the same story comes back
    const article = (await retry.json()) as Article;
    expect(article.seq).toBe(2);
    const all = (await (await fetch(`${server.url}/api/articles?limit=50`)).json()) as ArticlePage;
    expect(all.articles.filter((a) => a.externalId === 'doomed-1')).toHaveLength(1);
    // The listening client was never sent it before the crash; it gets it on resume, once.
    await waitUntil(() => seen.length === 2, 'the committed story after reconnecting', 15_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([1, 2]);
  });
});
