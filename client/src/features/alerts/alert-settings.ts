import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { parseSymbolList } from '../../../../shared/index.js';

/** What the reader asked to be alerted about; remembered in this browser (localStorage). */
export interface AlertSettings {
  /** Alerts are opt-in: nothing sounds or pops up until this is on. */
  enabled: boolean;
  watchlist: string[];
  /** A story tagged with a watched ticker. */
  news: boolean;
  /** A watched ticker moves at least `movePct` % within `moveMinutes` of a story about it. */
  move: boolean;
  movePct: number;
  moveMinutes: number;
  sound: boolean;
  /** Desktop notifications (asked for once the reader turns this on). */
  desktop: boolean;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  enabled: false,
  watchlist: [],
  news: true,
  move: true,
  movePct: 1,
  moveMinutes: 15,
  sound: true,
  desktop: false,
};

const KEY = 'tickerwire:alerts';
export const MAX_WATCHLIST = 50;

const schema = z.object({
  enabled: z.boolean().catch(false),
  watchlist: z
    .array(z.string())
    .catch([])
    .transform((l) => parseSymbolList(l.join(',')).symbols.slice(0, MAX_WATCHLIST)),
  news: z.boolean().catch(true),
  move: z.boolean().catch(true),
  movePct: z.number().min(0.01).max(100).catch(1),
  moveMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .catch(15),
  sound: z.boolean().catch(true),
  desktop: z.boolean().catch(false),
});

/** Settings from stored JSON; anything missing or invalid falls back to its default. */
export function parseAlertSettings(raw: string | null): AlertSettings {
  if (!raw) return DEFAULT_ALERT_SETTINGS;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_ALERT_SETTINGS;
  } catch {
    return DEFAULT_ALERT_SETTINGS;
  }
}

function read(): AlertSettings {
  try {
    return parseAlertSettings(localStorage.getItem(KEY));
  } catch {
    return DEFAULT_ALERT_SETTINGS;
  }
}

let settings: AlertSettings = typeof window === 'undefined' ? DEFAULT_ALERT_SETTINGS : read();
const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

/** Changes the settings and remembers them. */
export function updateAlertSettings(patch: Partial<AlertSettings>): void {
  settings = { ...settings, ...patch };
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Private mode: the settings last for this page.
  }
  notify();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  // Another window of the desk changed them.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== KEY) return;
    settings = read();
    l();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

/** The alert settings, re-rendering when they change (here or in another window). */
export function useAlertSettings(): AlertSettings {
  return useSyncExternalStore(subscribe, () => settings);
}
