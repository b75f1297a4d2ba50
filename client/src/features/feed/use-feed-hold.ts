import { useCallback, useMemo, useState } from 'react';
import type { Article } from '../../../../shared/index.js';
import { heldView } from './feed-hold.js';

export interface FeedHold {
  /** The stories the list shows: newer ones wait while the reader is reading. */
  visible: readonly Article[];
  /** Stories waiting behind the "N new stories" pill. */
  unseen: number;
  /** The list was scrolled away from its top (or back). */
  setScrolledAway: (away: boolean) => void;
  /** Shows the waiting stories (the pill was clicked). */
  release: () => void;
}

/**
 * Keeps the list still while the reader reads: when it is scrolled down or `reading` (a story was
 * picked), stories that arrive wait behind a pill instead of pushing the rows down.
 */
export function useFeedHold(articles: readonly Article[], reading: boolean): FeedHold {
  const [away, setAway] = useState(false);
  const [anchor, setAnchor] = useState<number | null>(null);
  const newest = articles[0]?.seq ?? 0;
  const holding = away || reading;
  // Derived from props during render, so no frame ever shows a story that should have waited.
  if (holding && anchor === null) setAnchor(newest);
  if (!holding && anchor !== null) setAnchor(null);
  const view = useMemo(
    () => heldView(articles, holding ? (anchor ?? newest) : null),
    [articles, holding, anchor, newest],
  );
  const release = useCallback(() => setAnchor((a) => (a === null ? a : newest)), [newest]);
  return { visible: view.visible, unseen: view.unseen, setScrolledAway: setAway, release };
}
