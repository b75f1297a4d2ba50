import { describe, expect, it } from 'vitest';
import {
  advanceRotation,
  breakStory,
  findBreaking,
  initialRotation,
  type RotationState,
  rotationConfig,
  rotationProgress,
} from './rotation.js';

const cfg = rotationConfig(20_000);
const ids = ['c', 'b', 'a'];

function run(state: RotationState, from: number, to: number, step = 1_000, list = ids): RotationState[] {
  const seen: RotationState[] = [];
  let s = state;
  for (let t = from; t <= to; t += step) {
    const next = advanceRotation(s, list, t, cfg);
    if (next !== s) seen.push(next);
    s = next;
  }
  return seen;
}

describe('rotation', () => {
  it('starts on the newest story and rotates through the list every period, wrapping around', () => {
    const steps = run(initialRotation, 0, 80_000);
    expect(steps.map((s) => s.currentId)).toEqual(['c', 'b', 'a', 'c', 'b']);
    expect(steps.map((s) => s.since)).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
  });

  it('returns the same state while nothing is due (no re-render)', () => {
    const s = advanceRotation(initialRotation, ids, 0, cfg);
    expect(advanceRotation(s, ids, 19_999, cfg)).toBe(s);
    expect(advanceRotation(initialRotation, [], 5, cfg)).toBe(initialRotation);
  });

  it('restarts at the newest story when the one on screen left the list', () => {
    const s: RotationState = { currentId: 'gone', mode: 'rotate', since: 0, pendingId: null };
    expect(advanceRotation(s, ids, 1_000, cfg).currentId).toBe('c');
  });

  it('jumps to a breaking story, keeps it up, then rotates on from the next one', () => {
    let s = advanceRotation(initialRotation, ids, 0, cfg);
    s = advanceRotation(s, ids, 20_000, cfg); // b
    const list = ['d', ...ids];
    s = breakStory(s, 'd', 25_000, cfg);
    expect(s).toMatchObject({ currentId: 'd', mode: 'breaking', since: 25_000 });
    expect(advanceRotation(s, list, 25_000 + cfg.breakingMs - 1, cfg)).toBe(s);
    s = advanceRotation(s, list, 25_000 + cfg.breakingMs, cfg);
    expect(s).toMatchObject({ currentId: 'c', mode: 'rotate' });
  });

  it('lets a breaking story stay a few seconds before the next breaking one takes over', () => {
    let s = breakStory(initialRotation, 'x', 0, cfg);
    s = breakStory(s, 'y', 1_000, cfg);
    s = breakStory(s, 'z', 2_000, cfg);
    expect(s).toMatchObject({ currentId: 'x', pendingId: 'z' });
    s = advanceRotation(s, ['z', 'y', 'x'], cfg.minDwellMs, cfg);
    expect(s).toMatchObject({ currentId: 'z', mode: 'breaking', since: cfg.minDwellMs, pendingId: null });
    // after the dwell a new break shows at once
    expect(breakStory(s, 'w', 2 * cfg.minDwellMs, cfg).currentId).toBe('w');
  });

  it('reports the progress of the current story', () => {
    const s = advanceRotation(initialRotation, ids, 0, cfg);
    expect(rotationProgress(s, 10_000, cfg)).toBe(0.5);
    expect(rotationProgress(s, 99_000, cfg)).toBe(1);
  });
});

describe('findBreaking', () => {
  const a = (seq: number, receivedAt: number) => ({ id: `id-${seq}`, seq, receivedAt });

  it('picks the newest story above the seen seq that was just received', () => {
    const list = [a(7, 100_000), a(6, 99_000), a(5, 98_000)];
    expect(findBreaking(list, 5, 101_000)?.seq).toBe(7);
    expect(findBreaking(list, 7, 101_000)).toBeNull();
  });

  it('does not treat stories caught up after a long outage as breaking', () => {
    expect(findBreaking([a(9, 0)], 1, 10 * 60_000)).toBeNull();
  });
});
