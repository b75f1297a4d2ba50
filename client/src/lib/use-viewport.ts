import { useSyncExternalStore } from 'react';

/** The viewport's size, as a snapshot that changes only on resize. */
export interface Viewport {
  width: number;
  height: number;
  /** 1 % of the shorter side in CSS px: the unit the wall sizes its type in (CSS: min(1vw, 1vh)). */
  unit: number;
  portrait: boolean;
}

function measure(): Viewport {
  const width = window.innerWidth;
  const height = window.innerHeight;
  return { width, height, unit: Math.min(width, height) / 100, portrait: height > width };
}

let snapshot: Viewport | null = null;

function subscribe(listener: () => void): () => void {
  const onResize = () => {
    snapshot = measure();
    listener();
  };
  window.addEventListener('resize', onResize);
  return () => window.removeEventListener('resize', onResize);
}

function get(): Viewport {
  snapshot ??= measure();
  return snapshot;
}

/** The viewport's size, re-rendering on resize (rotation of a wall screen included). */
export function useViewport(): Viewport {
  return useSyncExternalStore(subscribe, get, get);
}
