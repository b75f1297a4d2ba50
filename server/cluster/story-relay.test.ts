import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../shared/index.js';
import { createLogger } from '../logger.js';
import { MemoryStore } from '../store/memory-store.js';
import { draft } from '../store/store.contract.js';
import type { Store } from '../store/types.js';
import { GAP_WAIT_MS, StoryRelay } from './story-relay.js';

/** A store whose readers do not see some seqs yet (a commit of another node still in flight). */
function withHidden(store: Store, hidden: Set<number>): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'articlesAfter')
        return async (...args: Parameters<Store['articlesAfter']>) =>
          (await target.articlesAfter(...args)).filter((a) => !hidden.has(a.seq));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function relayOn(store: Store) {
  const sent: number[] = [];
  const learned: number[] = [];
  const counts = { local: 0, store: 0 };
  const skipped: [number, number][] = [];
  const relay = new StoryRelay({
    store,
    logger: createLogger('silent'),
    emit: (a) => sent.push(a.seq),
    learned: (a) => learned.push(a.seq),
    count: (how) => counts[how]++,
    skipped: (from, to) => skipped.push([from, to]),
  });
  return { relay, sent, learned, counts, skipped };
}

const insert = async (store: Store, n: number): Promise<Article> =>
  (await store.insertArticle(draft(n, ['SPY']))).article;

describe('story relay (several nodes)', () => {
  afterEach(() => vi.useRealTimers());

  it('starts after the stories already stored', async () => {
    const store = new MemoryStore();
    await insert(store, 1);
    const { relay, sent } = relayOn(store);
    await relay.start();
    expect(relay.seq).toBe(1);
    await relay.catchUp();
    expect(sent).toEqual([]);
  });

  it("sends another node's earlier commits before this node's own, each once and in seq order", async () => {
    const store = new MemoryStore();
    const { relay, sent, learned, counts } = relayOn(store);
    await relay.start();
    await insert(store, 1); // other nodes
    await insert(store, 2);
    const mine = await insert(store, 3);
    await relay.local(mine);
    await relay.catchUp(); // a late notice of 1 and 2 changes nothing
    expect(sent).toEqual([1, 2, 3]);
    expect(learned).toEqual([1, 2]); // this node knows its own story already
    expect(counts).toEqual({ local: 1, store: 2 });
  });

  it('waits at a hole in seq until the missing commit is visible, own stories included', async () => {
    const store = new MemoryStore();
    const hidden = new Set<number>();
    const { relay, sent, learned } = relayOn(withHidden(store, hidden));
    await relay.start();
    await insert(store, 1);
    hidden.add(1);
    const mine = await insert(store, 2);
    await relay.local(mine);
    expect(sent).toEqual([]);
    hidden.clear();
    await relay.catchUp();
    expect(sent).toEqual([1, 2]);
    expect(learned).toEqual([1]);
  });

  it(`skips a hole that stays for ${GAP_WAIT_MS / 1000} s, and says so`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = new MemoryStore();
    const hidden = new Set([1]);
    const { relay, sent, skipped } = relayOn(withHidden(store, hidden));
    await relay.start();
    await insert(store, 1);
    await insert(store, 2);
    await relay.catchUp();
    expect(sent).toEqual([]);
    vi.setSystemTime(Date.now() + GAP_WAIT_MS);
    await relay.catchUp();
    expect(sent).toEqual([2]);
    expect(skipped).toEqual([[1, 1]]);
  });

  it('reads long runs page by page', async () => {
    const store = new MemoryStore();
    const { relay, sent } = relayOn(store);
    await relay.start();
    for (let n = 1; n <= 1_200; n++) await insert(store, n);
    await relay.catchUp();
    expect(sent).toEqual(Array.from({ length: 1_200 }, (_, i) => i + 1));
  });
});
