import { useEffect, useState } from 'react';
import { type BurnInShift, burnInShift } from './burn-in.js';

/** Recomputed this often; the CSS transition spreads each step over the whole interval. */
export const BURN_IN_STEP_MS = 15_000;

/** The wall's current burn-in shift, updated every BURN_IN_STEP_MS. */
export function useBurnIn(): BurnInShift {
  const [shift, setShift] = useState(() => burnInShift(Date.now()));
  useEffect(() => {
    const timer = setInterval(() => setShift(burnInShift(Date.now())), BURN_IN_STEP_MS);
    return () => clearInterval(timer);
  }, []);
  return shift;
}
