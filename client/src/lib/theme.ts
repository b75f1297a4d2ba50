import { useSyncExternalStore } from 'react';

/** The theme the reader picked; "system" follows the operating system's light or dark setting. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'tickerwire:theme';
const listeners = new Set<() => void>();
const media = typeof window === 'undefined' ? null : window.matchMedia('(prefers-color-scheme: light)');

function readChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

let choice: ThemeChoice = typeof window === 'undefined' ? 'system' : readChoice();

/** The theme shown for a choice, given whether the system prefers light. */
export function resolveTheme(c: ThemeChoice, systemLight: boolean): Theme {
  return c === 'system' ? (systemLight ? 'light' : 'dark') : c;
}

function apply(): void {
  document.documentElement.dataset.theme = resolveTheme(choice, media?.matches ?? false);
  for (const l of listeners) l();
}

/** Applies the remembered theme to the page and follows the system's changes. Call once at start. */
export function startTheme(): void {
  apply();
  media?.addEventListener('change', apply);
  // Another window of the desk changed it.
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    choice = readChoice();
    apply();
  });
}

/** Shows a theme without remembering it (a wall's URL says ?theme=light). */
export function forceTheme(theme: Theme): void {
  choice = theme;
  apply();
}

/** Picks a theme and remembers it. */
export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    if (next === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, next);
  } catch {
    // Private mode: the choice lasts for this page.
  }
  apply();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The reader's choice and the theme it resolves to. */
export function useTheme(): { choice: ThemeChoice; theme: Theme } {
  const c = useSyncExternalStore(subscribe, () => choice);
  const theme = useSyncExternalStore(subscribe, () => resolveTheme(choice, media?.matches ?? false));
  return { choice: c, theme };
}
