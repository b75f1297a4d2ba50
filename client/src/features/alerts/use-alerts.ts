import { useCallback, useEffect, useRef, useState } from 'react';
import type { Article } from '../../../../shared/index.js';
import { getLivePrice, subscribePrice } from '../../lib/prices.js';
import { socket } from '../../lib/socket.js';
import {
  type Alert,
  checkMove,
  describeAlert,
  isWatching,
  type MoveWatch,
  moveWatches,
  newsAlert,
} from './alert-rules.js';
import { type AlertSettings, useAlertSettings } from './alert-settings.js';
import { playBeep } from './beep.js';
import { showNotification } from './notify.js';

/** Toasts kept on screen, and alert keys remembered so none fires twice. */
const MAX_SHOWN = 5;
const MAX_FIRED = 500;
const MAX_WATCHES = 200;

export interface Alerts {
  settings: AlertSettings;
  /** Recent alerts, newest first (a few at most). */
  shown: readonly Alert[];
  dismiss: (key: string) => void;
  /** Symbols whose prices the alerts need (the watchlist while alerts are on). */
  symbols: readonly string[];
}

/**
 * Watchlist alerts: a sound, a toast and (if permitted) a desktop notification when a live story
 * is about a watched ticker, and when a watched ticker then moves the set % within the set time
 * (the move since publication, from ticks). `onOpen` shows the story of a clicked notification.
 */
export function useAlerts(onOpen: (article: Article) => void): Alerts {
  const settings = useAlertSettings();
  const [shown, setShown] = useState<Alert[]>([]);
  const state = useRef({ settings, onOpen, fired: new Set<string>(), watches: new Map<string, MoveWatch>() });
  state.current.settings = settings;
  state.current.onOpen = onOpen;

  const fire = useCallback((alert: Alert) => {
    const { fired, settings: s } = state.current;
    if (fired.has(alert.key)) return;
    fired.add(alert.key);
    if (fired.size > MAX_FIRED) fired.delete(fired.values().next().value as string);
    setShown((list) => [alert, ...list].slice(0, MAX_SHOWN));
    if (s.sound) playBeep(alert.kind);
    if (s.desktop) {
      const { title, body } = describeAlert(alert, s);
      showNotification(title, body, alert.key, () => state.current.onOpen(alert.article));
    }
  }, []);

  // Stories as they are published.
  useEffect(() => {
    const onArticle = (article: Article) => {
      const { settings: s, watches } = state.current;
      if (!s.enabled) return;
      const now = Date.now();
      const news = newsAlert(article, s, now);
      if (news) fire(news);
      for (const w of moveWatches(article, s)) {
        if (!isWatching(w, now, s)) continue;
        watches.set(w.key, w);
        if (watches.size > MAX_WATCHES) watches.delete(watches.keys().next().value as string);
      }
    };
    socket.on('article:published', onArticle);
    return () => {
      socket.off('article:published', onArticle);
    };
  }, [fire]);

  // Prices of the watchlist: check each watch of a symbol when its price changes.
  const watchKey = settings.enabled && settings.move ? settings.watchlist.join(',') : '';
  useEffect(() => {
    if (!watchKey) return;
    const offs = watchKey.split(',').map((symbol) =>
      subscribePrice(symbol, () => {
        const price = getLivePrice(symbol);
        const { settings: s, watches, fired } = state.current;
        if (!price) return;
        const now = Date.now();
        for (const [key, w] of watches) {
          if (!isWatching(w, now, s) || fired.has(key)) {
            watches.delete(key);
            continue;
          }
          if (w.symbol !== symbol) continue;
          const alert = checkMove(w, price, s, now);
          if (alert) {
            watches.delete(key);
            fire(alert);
          }
        }
      }),
    );
    return () => {
      for (const off of offs) off();
    };
  }, [watchKey, fire]);

  const dismiss = useCallback((key: string) => setShown((list) => list.filter((a) => a.key !== key)), []);
  return { settings, shown, dismiss, symbols: settings.enabled ? settings.watchlist : [] };
}
