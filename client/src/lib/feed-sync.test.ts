import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack, Article, FeedSubscribed } from '../../../shared/index.js';
import { FeedCursor } from './feed-cursor.js';
import { type FeedSyncOptions, startFeedSync } from './feed-sync.js';

describe('FeedCursor', () => {
  it('following every story, moves over each next seq and sees a hole at once', () => {
    const c = new FeedCursor();
    c.confirm(10);
    expect(c.receive(11)).toBe(true);
    expect(c.complete).toBe(11);
    expect(c.receive(13)).toBe(true);
    expect(c.complete).toBe(11);
    expect(c.hasGap).toBe(true);
    expect(c.highest).toBe(13);
    expect(c.receive(13)).toBe(false);
    expect(c.receive(12)).toBe(true);
    expect(c.complete).toBe(13);
    expect(c.hasGap).toBe(false);
    expect(c.receive(5)).toBe(false);
  });

  it('calls nothing a hole before it has a position (stories before the first snapshot)', () => {
    const c = new FeedCursor();
    c.receive(57);
    expect(c.hasGap).toBe(false);
    expect(c.known).toBe(false);
    c.confirm(56);
    expect(c.complete).toBe(57);
  });

  it('an empty log is a position too: the first story follows it', () => {
    const c = new FeedCursor();
    c.confirm(0);
    expect(c.known).toBe(true);
    c.receive(2);
    expect(c.hasGap).toBe(true);
    c.receive(1);
    expect(c.complete).toBe(2);
    c.forget();
    expect(c.known).toBe(false);
  });

  it('with a filter, moves only when the server confirms', () => {
    const c = new FeedCursor();
    c.dense = false;
    c.confirm(3);
    c.receive(7);
    c.receive(9);
    expect(c.complete).toBe(3);
    expect(c.hasGap).toBe(false);
    expect(c.heldBetween(3, 9)).toBe(2);
    expect(c.heldBetween(7, 9)).toBe(1);
    c.confirm(12);
    expect(c.complete).toBe(12);
    expect(c.heldBetween(0, 100)).toBe(0);
  });

  it('reset forgets what it held', () => {
    const c = new FeedCursor();
    c.confirm(5);
    c.receive(9);
    c.reset(2);
    expect(c.complete).toBe(2);
    expect(c.hasGap).toBe(false);
  });
});

/** A socket stand-in: the server's side is played by the test (emit), resume answers like feed:subscribe. */
class FakeSocket extends EventEmitter {
  connected = true;
}

const article = (seq: number) => ({ seq, id: `a${seq}` }) as Article;

describe('startFeedSync', () => {
  let socket: FakeSocket;
  let cursor: FeedCursor;
  let stop: () => void;
  let resumes: number[];
  let reloads: number;
  /** Server side: seqs the filter matches; the resume replays those past lastSeq. */
  let log: number[];
  let dropReplay: boolean;

  const start = (over: Partial<FeedSyncOptions> = {}) => {
    stop = startFeedSync({
      socket: socket as unknown as FeedSyncOptions['socket'],
      cursor,
      graceMs: 100,
      resume: async (lastSeq): Promise<Ack<FeedSubscribed>> => {
        resumes.push(lastSeq);
        const missed = log.filter((s) => s > lastSeq);
        if (!dropReplay) for (const s of missed) socket.emit('article:published', article(s));
        const latestSeq = log.at(-1) ?? 0;
        return { ok: true, data: { tickers: [], primaryOnly: false, latestSeq, replayed: missed.length } };
      },
      onReload: () => {
        reloads++;
      },
      ...over,
    });
  };

  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeSocket();
    cursor = new FeedCursor();
    resumes = [];
    reloads = 0;
    log = [];
    dropReplay = false;
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  const publish = (seq: number, deliver = true) => {
    log.push(seq);
    if (deliver) socket.emit('article:published', article(seq));
  };

  it('fills a story skipped while connected, once, from the position', async () => {
    start();
    cursor.confirm(0);
    publish(1);
    cursor.confirm(1);
    publish(2, false);
    publish(3);
    expect(cursor.hasGap).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(resumes).toEqual([1]);
    expect(cursor.complete).toBe(3);
    expect(cursor.hasGap).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(resumes).toEqual([1]);
  });

  it('asks when a heartbeat says the log is past the position (the last story lost)', async () => {
    start();
    publish(1);
    cursor.confirm(1);
    publish(2, false);
    socket.emit('server:heartbeat', { serverTime: 0, latestSeq: 2 });
    await vi.advanceTimersByTimeAsync(50);
    expect(resumes).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(resumes).toEqual([1]);
    expect(cursor.complete).toBe(2);
  });

  it('does not ask when the story the heartbeat counted arrives within the grace', async () => {
    start();
    publish(1);
    cursor.confirm(1);
    log.push(2);
    socket.emit('server:heartbeat', { serverTime: 0, latestSeq: 2 });
    socket.emit('article:published', article(2));
    await vi.advanceTimersByTimeAsync(500);
    expect(resumes).toEqual([]);
  });

  it('with a filter, confirms the position only once the replay arrived whole', async () => {
    cursor.dense = false;
    start();
    publish(4);
    cursor.confirm(4);
    publish(9, false);
    socket.emit('server:heartbeat', { serverTime: 0, latestSeq: 12 });
    await vi.advanceTimersByTimeAsync(110);
    expect(resumes).toEqual([4]);
    expect(cursor.complete).toBe(9);
  });

  it('reloads when asking does not close the gap', async () => {
    start({ maxAttempts: 2 });
    publish(1);
    cursor.confirm(1);
    publish(2, false);
    publish(3);
    dropReplay = true;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(resumes.length).toBe(2);
    expect(reloads).toBe(1);
  });

  it('leaves a disconnected socket to the handshake resume', async () => {
    start();
    publish(1);
    cursor.confirm(1);
    publish(2, false);
    publish(3);
    socket.connected = false;
    socket.emit('disconnect');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(resumes).toEqual([]);
  });
});
