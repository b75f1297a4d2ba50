import { useEffect, useMemo, useRef, useState } from 'react';
import type { Article } from '../../../../shared/index.js';
import {
  advanceRotation,
  breakStory,
  findBreaking,
  initialRotation,
  type RotationConfig,
  type RotationState,
  rotationConfig,
} from './rotation.js';

/** The wall rotates through this many of the newest stories of its tickers. */
export const ROTATION_SIZE = 12;
const STEP_MS = 500;

export interface WallRotation {
  state: RotationState;
  config: RotationConfig;
}

/**
 * Drives the wall's story: rotation through the newest stories every `rotateMs`, a jump to a story
 * that breaks (a new seq received just now), then back to rotation. `ready` is false until the
 * first snapshot is in, so the stories it holds are not taken for breaking news.
 */
export function useWallRotation(
  articles: readonly Article[],
  ready: boolean,
  rotateMs: number,
): WallRotation {
  const config = useMemo(() => rotationConfig(rotateMs), [rotateMs]);
  const idsKey = articles
    .slice(0, ROTATION_SIZE)
    .map((a) => a.id)
    .join(',');
  const ids = useRef<string[]>([]);
  ids.current = idsKey ? idsKey.split(',') : [];
  const [state, setState] = useState<RotationState>(initialRotation);
  const seenSeq = useRef<number | null>(null);

  useEffect(() => {
    if (!ready) return;
    const newest = articles[0]?.seq ?? 0;
    if (seenSeq.current === null) {
      seenSeq.current = newest;
      return;
    }
    const now = Date.now();
    const breaking = findBreaking(articles, seenSeq.current, now);
    seenSeq.current = Math.max(seenSeq.current, newest);
    if (breaking) setState((s) => breakStory(s, breaking.id, now, config));
  }, [articles, ready, config]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: idsKey is read through the ref; a change should advance at once
  useEffect(() => {
    const step = () => setState((s) => advanceRotation(s, ids.current, Date.now(), config));
    step();
    const timer = setInterval(step, STEP_MS);
    return () => clearInterval(timer);
  }, [config, idsKey]);

  return { state, config };
}
