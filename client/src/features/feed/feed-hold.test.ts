import { describe, expect, it } from 'vitest';
import { heldView } from './feed-hold.js';

const list = [{ seq: 9 }, { seq: 8 }, { seq: 7 }, { seq: 5 }];

describe('heldView', () => {
  it('shows everything while the reader follows the top', () => {
    const view = heldView(list, null);
    expect(view.visible).toBe(list);
    expect(view.unseen).toBe(0);
  });

  it('holds stories newer than the anchor back and counts them', () => {
    const view = heldView(list, 7);
    expect(view.visible.map((a) => a.seq)).toEqual([7, 5]);
    expect(view.unseen).toBe(2);
  });

  it('keeps the same list when nothing is held', () => {
    expect(heldView(list, 9).visible).toBe(list);
  });
});
