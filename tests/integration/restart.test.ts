import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArticlePage, PriceHistory } from '../../shared/index.js';
import { getJson, makeArticle, postArticle, waitUntil } from '../support/client.js';
import { startServer } from '../support/server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tw-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a restart on the same data folder', () => {
  it('keeps stories, seq, the generated token and the price history', async () => {
    const env = { DEMO_NEWS: 'on', DEMO_INTERVAL_MS: '3600000' };
    const first = await startServer({ dataDir, env, demoFirstDelayMs: 3_600_000 });
    const tokenFile = join(dataDir, 'ingest-token');
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(first.token);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const before = await getJson<ArticlePage>(`${first.url}/api/articles?limit=100`);
    // the demo placed its first stories in the filled-in past, oldest first
    expect(before.body.articles.length).toBeGreaterThanOrEqual(5);
    const times = before.body.articles.map((a) => a.publishedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const posted = await postArticle(
      first.url,
      first.token,
      makeArticle({ headline: 'Before restart', tickers: ['NVDA'] }),
    );
    const to = Date.now();
    const historyBefore = await getJson<PriceHistory>(
      `${first.url}/api/tickers/NVDA/history?from=${to - 120_000}&to=${to}`,
    );
    const lastPrice = historyBefore.body.points.at(-1)?.p as number;
    await first.close();

    const second = await startServer({ dataDir, env, demoFirstDelayMs: 3_600_000 });
    try {
      expect(second.token).toBe(first.token);
      const after = await getJson<ArticlePage>(`${second.url}/api/articles?limit=100`);
      // nothing lost, and the demo did not place its past stories a second time
      expect(after.body.articles.map((a) => a.id)).toEqual([
        posted.body.id,
        ...before.body.articles.map((a) => a.id),
      ]);
      const next = await postArticle(second.url, second.token, makeArticle({ headline: 'After restart' }));
      expect(next.body.seq).toBe((posted.body.seq as number) + 1);
      const again = await postArticle(second.url, second.token, {
        headline: 'Before restart',
        source: posted.body.source,
        externalId: posted.body.externalId,
      });
      expect(again.status).toBe(200);
      // prices continue from where they were, not from a fresh start
      let firstAfter: number | undefined;
      await waitUntil(
        () => firstAfter !== undefined,
        'a price after the restart',
        5_000,
        async () => {
          const now = Date.now();
          const history = await getJson<PriceHistory>(
            `${second.url}/api/tickers/NVDA/history?from=${now - 600_000}&to=${now}`,
          );
          firstAfter = history.body.points.find((p) => p.t > to)?.p;
        },
      );
      expect(Math.abs((firstAfter as number) / lastPrice - 1)).toBeLessThan(0.01);
    } finally {
      await second.close();
    }
  });
});
