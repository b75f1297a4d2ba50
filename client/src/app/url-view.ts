import { useCallback, useSyncExternalStore } from 'react';
import { MOVER_WINDOWS, type MoverWindow } from '../../../shared/index.js';

/**
 * What the left column shows lives in the URL next to the filter (?view=movers&window=4h), so a
 * link or a wall display opens on the same view. Defaults (stories, 1h) are left out of the URL.
 */
export type DeskView = 'stories' | 'movers';

const DEFAULT_WINDOW: MoverWindow = '1h';

interface ViewState {
  view: DeskView;
  moversWindow: MoverWindow;
}

const listeners = new Set<() => void>();
let cachedSearch: string | null = null;
let cached: ViewState = { view: 'stories', moversWindow: DEFAULT_WINDOW };

function isMoverWindow(v: string | null): v is MoverWindow {
  return v !== null && Object.hasOwn(MOVER_WINDOWS, v);
}

/** The view named by a query string (unknown values fall back to the defaults). */
export function parseView(search: string): ViewState {
  const params = new URLSearchParams(search);
  const w = params.get('window');
  return {
    view: params.get('view') === 'movers' ? 'movers' : 'stories',
    moversWindow: isMoverWindow(w) ? w : DEFAULT_WINDOW,
  };
}

function read(): ViewState {
  const search = window.location.search;
  if (search !== cachedSearch) {
    cachedSearch = search;
    const next = parseView(search);
    if (next.view !== cached.view || next.moversWindow !== cached.moversWindow) cached = next;
  }
  return cached;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const notify = () => listener();
  window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', notify);
  };
}

function write(next: ViewState): void {
  const url = new URL(window.location.href);
  if (next.view === 'movers') url.searchParams.set('view', 'movers');
  else url.searchParams.delete('view');
  // The window is kept while the stories are shown, so switching back to Movers finds it again.
  if (next.moversWindow !== DEFAULT_WINDOW) url.searchParams.set('window', next.moversWindow);
  else url.searchParams.delete('window');
  const target = `${url.pathname}${url.search.replaceAll('%2C', ',')}${url.hash}`;
  if (target === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  window.history.pushState(window.history.state, '', target);
  for (const l of listeners) l();
}

export interface DeskViewState extends ViewState {
  setView: (view: DeskView) => void;
  setMoversWindow: (window: MoverWindow) => void;
}

/** The left column's view and the movers window, read from and written to the URL. */
export function useDeskView(): DeskViewState {
  const state = useSyncExternalStore(subscribe, read, () => cached);
  const setView = useCallback((view: DeskView) => write({ ...read(), view }), []);
  const setMoversWindow = useCallback(
    (moversWindow: MoverWindow) => write({ ...read(), view: 'movers', moversWindow }),
    [],
  );
  return { ...state, setView, setMoversWindow };
}
