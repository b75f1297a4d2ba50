import { describe, expect, it } from 'vitest';
import { bannerState, formatAgo } from './connection-banner.js';
import type { ConnectionSnapshot } from './connection-store.js';

const live: ConnectionSnapshot = {
  socket: 'connected',
  mismatch: false,
  online: true,
  lastDataAt: 100_000,
  connectedOnce: true,
  serverVersion: '1',
  loadedVersion: '1',
  versionChanged: false,
  lastError: null,
};

describe('bannerState', () => {
  it('says nothing while data flows', () => {
    expect(bannerState(live, 110_000, 15_000)).toBeNull();
  });
  it('says stale after the threshold without a tick or heartbeat', () => {
    expect(bannerState(live, 115_001, 15_000)).toBe('stale');
  });
  it('says lost when the socket is down after having connected', () => {
    expect(bannerState({ ...live, socket: 'disconnected' }, 100_500, 15_000)).toBe('lost');
    expect(bannerState({ ...live, online: false }, 100_500, 15_000)).toBe('lost');
    expect(bannerState({ ...live, socket: 'connecting', connectedOnce: false }, 0, 15_000)).toBeNull();
  });
});

describe('formatAgo', () => {
  it('reads naturally from seconds to hours', () => {
    expect(formatAgo(42_000)).toBe('42 s');
    expect(formatAgo(5 * 60_000)).toBe('5 min');
    expect(formatAgo(125 * 60_000)).toBe('2 h 5 min');
  });
});
