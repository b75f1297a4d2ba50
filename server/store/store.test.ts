import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import { draft, storeContract } from './store.contract.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-store-'));
  dirs.push(dir);
  return join(dir, 'tickerwire.db');
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

storeContract('memory', () => new MemoryStore());
storeContract('sqlite', () => new SqliteStore(tempFile()));

describe('sqlite store on disk', () => {
  it('keeps stories and seq across a reopen, and migrations run once', async () => {
    const file = tempFile();
    const a = new SqliteStore(file);
    await a.insertArticle(draft(1, ['AAPL']));
    await a.insertArticle(draft(2, ['MSFT']));
    await a.close();
    const b = new SqliteStore(file);
    expect(await b.latestSeq()).toBe(2);
    expect((await b.insertArticle(draft(1, ['AAPL']))).created).toBe(false);
    expect((await b.insertArticle(draft(3, ['AAPL']))).article.seq).toBe(3);
    await b.close();
  });
});
