import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../server/version.js';
import { compressedDay } from '../chaos/compressed-day.js';

// CI-sized (half an hour of market at 100x); `npm run chaos` runs a whole session.
it('half an hour of stories and ticks at 100x on the wall: server and page memory stay flat', async () => {
  if (!existsSync(join(projectRoot(), 'dist', 'client', 'index.html')))
    throw new Error('dist/client is missing: run `npm run build` first (npm test does)');
  const r = await compressedDay({
    seed: 31,
    speed: 100,
    hours: 0.5,
    storiesPerHour: 300,
    path: '/wall',
    maxGrowthMb: { serverHeap: 60, serverRss: 120, browserHeap: 30 },
  });
  console.log('compressed day', JSON.stringify(r));
  expect(r.stories).toBeGreaterThan(100);
  expect(r.headlinesShown).toBeGreaterThan(0);
  expect(r.end.browserHeap - r.start.browserHeap).toBeLessThanOrEqual(30);
  expect(r.end.serverHeap - r.start.serverHeap).toBeLessThanOrEqual(60);
}, 120_000);
