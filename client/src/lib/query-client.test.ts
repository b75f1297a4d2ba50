import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { boundIdleQueries } from './query-client.js';

const clients: QueryClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.clear();
});

/** A client whose queries resolve at once and would otherwise stay cached for an hour. */
function client(): QueryClient {
  const c = new QueryClient({ defaultOptions: { queries: { gcTime: 60 * 60_000, retry: false } } });
  clients.push(c);
  return c;
}

/** Observes ['chart', n] until its data is in, then stops observing it (a chart moving on). */
async function showThenLeave(c: QueryClient, key: readonly unknown[]): Promise<void> {
  const observer = new QueryObserver(c, { queryKey: key, queryFn: async () => ({ key }) });
  const stop = observer.subscribe(() => {});
  await c.fetchQuery({ queryKey: key, queryFn: async () => ({ key }) });
  stop();
}

describe('boundIdleQueries', () => {
  it('keeps only the newest idle queries under the prefix, and leaves other prefixes and observed queries alone', async () => {
    const c = client();
    boundIdleQueries(c, ['chart'], 3);
    boundIdleQueries(c, ['chart'], 3); // installed once
    for (let i = 0; i < 3; i++) await showThenLeave(c, ['story', i]);
    const shown = new QueryObserver(c, { queryKey: ['chart', 'shown'], queryFn: async () => 'x' });
    const stopShown = shown.subscribe(() => {});
    for (let i = 0; i < 8; i++) {
      await showThenLeave(c, ['chart', i]);
      await new Promise((r) => setTimeout(r, 2)); // distinct dataUpdatedAt
    }
    const keys = c
      .getQueryCache()
      .findAll({ queryKey: ['chart'] })
      .map((q) => q.queryKey[1]);
    expect(keys.sort()).toEqual([5, 6, 7, 'shown'].sort());
    expect(c.getQueryCache().findAll({ queryKey: ['story'] })).toHaveLength(3);
    // A query built but not observed or fetched yet (a render about to subscribe) stays.
    c.getQueryCache().build(c, { queryKey: ['chart', 'next'], queryFn: async () => 'y' });
    await showThenLeave(c, ['chart', 8]);
    expect(c.getQueryCache().find({ queryKey: ['chart', 'next'] })).toBeDefined();
    expect(c.getQueryCache().find({ queryKey: ['chart', 5] })).toBeUndefined();
    stopShown();
  });
});
