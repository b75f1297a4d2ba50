import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { type LeaseRedis, TickLease } from './tick-lease.js';

/** An in-memory Redis for the lease: one key space shared by several nodes, with expiry by hand. */
class FakeRedis {
  readonly keys = new Map<string, { value: string; until: number }>();
  down = false;
  client(cut: { off: boolean }): LeaseRedis {
    const check = () => {
      if (this.down || cut.off) return Promise.reject(new Error('connection refused'));
      for (const [k, v] of this.keys) if (v.until <= Date.now()) this.keys.delete(k);
      return Promise.resolve();
    };
    return {
      setIfAbsent: async (key, value, ttl) => {
        await check();
        if (this.keys.has(key)) return false;
        this.keys.set(key, { value, until: Date.now() + ttl });
        return true;
      },
      renewIf: async (key, value, ttl) => {
        await check();
        const v = this.keys.get(key);
        if (v?.value !== value) return false;
        v.until = Date.now() + ttl;
        return true;
      },
      deleteIf: async (key, value) => {
        await check();
        if (this.keys.get(key)?.value === value) this.keys.delete(key);
      },
    };
  }
}

function node(redis: FakeRedis, name: string) {
  const events: string[] = [];
  const cut = { off: false };
  const lease = new TickLease({
    redis: redis.client(cut),
    key: 'owner',
    node: name,
    ttlMs: 300,
    logger: createLogger('silent'),
    onAcquire: () => events.push('acquire'),
    onLose: () => events.push('lose'),
  });
  return { lease, events, cut };
}

const until = async (check: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('tick lease', () => {
  it('lets one node own the tick source; another takes over once the owner is gone', async () => {
    const redis = new FakeRedis();
    const a = node(redis, 'a');
    const b = node(redis, 'b');
    expect(await a.lease.tryAcquire()).toBe(true);
    expect(await b.lease.tryAcquire()).toBe(false);
    a.lease.start();
    b.lease.start();
    await new Promise((r) => setTimeout(r, 400));
    expect([a.lease.owner, b.lease.owner]).toEqual([true, false]);
    // The owner is cut off without a word: its key runs out and the other node takes it.
    a.cut.off = true;
    await until(() => b.lease.owner);
    expect(b.events).toEqual(['acquire']);
    await until(() => !a.lease.owner);
    await a.lease.stop();
    await b.lease.stop();
    expect(redis.keys.size).toBe(0);
  });

  it('steps down when it cannot renew for a whole lease (Redis unreachable), and comes back', async () => {
    const redis = new FakeRedis();
    const a = node(redis, 'a');
    await a.lease.tryAcquire();
    a.lease.start();
    redis.down = true;
    await until(() => !a.lease.owner);
    expect(a.events).toEqual(['acquire', 'lose']);
    redis.down = false;
    redis.keys.clear(); // a restarted Redis has forgotten everything
    await until(() => a.lease.owner);
    await a.lease.stop();
  });

  it('finds a lease granted to it by a command that timed out (renews it rather than waiting it out)', async () => {
    const redis = new FakeRedis();
    redis.keys.set('owner', { value: 'a', until: Number.POSITIVE_INFINITY });
    const a = node(redis, 'a');
    a.lease.start();
    await until(() => a.lease.owner);
    await a.lease.stop();
  });
});
