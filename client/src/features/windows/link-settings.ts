import { useSyncExternalStore } from 'react';

const KEY = 'tickerwire:link-windows';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

let linked = typeof window === 'undefined' ? false : read();

/** Turns "link windows" on or off for this browser (every window of the desk follows). */
export function setLinked(on: boolean): void {
  linked = on;
  try {
    if (on) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode: it lasts for this page.
  }
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== KEY) return;
    linked = read();
    l();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

/** Whether this window follows (and drives) the other windows of the desk. */
export function useLinked(): boolean {
  return useSyncExternalStore(subscribe, () => linked);
}
