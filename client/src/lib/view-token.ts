import { useSyncExternalStore } from 'react';

/** Where the viewer token is kept between page loads (a wall display reloads itself). */
const STORAGE_KEY = 'tickerwire.viewToken';

let token: string | null = null;
let refused = false;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Takes the viewer token from `?token=` (then removes it from the address bar, so a shared or
 * bookmarked view does not carry it), else the one kept from an earlier visit. `?token=` with no
 * value forgets it.
 */
export function captureViewToken(): void {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    if (fromUrl) storage()?.setItem(STORAGE_KEY, fromUrl);
    else storage()?.removeItem(STORAGE_KEY);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  token = fromUrl || storage()?.getItem(STORAGE_KEY) || null;
}

/** The viewer token this page sends with REST calls and the socket handshake, if any. */
export function getViewToken(): string | null {
  return token;
}

/** The server refused this page for want of the (right) viewer token. */
export function markViewTokenRefused(): void {
  if (refused) return;
  refused = true;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const getRefused = () => refused;

/** Whether the server refused this page's viewer token (or its lack of one). */
export function useViewTokenRefused(): boolean {
  return useSyncExternalStore(subscribe, getRefused, getRefused);
}
