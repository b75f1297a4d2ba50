import { useEffect, useRef } from 'react';
import type { Article } from '../../../shared/index.js';
import { revealOffscreenRow } from '../lib/row-reveal.js';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/** Rows of the list shown are buttons: moving the selection moves the focus with it. */
function rowSelector(id: string): string {
  const sel = `[data-article-id="${CSS.escape(id)}"]`;
  return `[data-testid="article-row"]${sel}, [data-testid="mover-row"]${sel}`;
}

/**
 * The feed renders only the rows near its viewport: a row not in the DOM is first scrolled into
 * range by the list, then looked up again on the next frames.
 */
function revealRow(id: string, focus: boolean, tries = 3): void {
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(rowSelector(id));
    if (!row) {
      if (tries > 0 && revealOffscreenRow(id)) revealRow(id, focus, tries - 1);
      return;
    }
    row.scrollIntoView({ block: 'nearest' });
    if (focus) row.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
  });
}

export interface KeyboardActions {
  /** The list shown (stories or movers), newest or biggest first. */
  articles: readonly Article[];
  selectedId: string | null;
  select: (article: Article) => void;
  /** Enter: open the selected story (pin it and move the focus into it). */
  open: () => void;
  /** o: the selected story at its source, in a new tab. */
  openSource: () => void;
  /** ?: show or hide the keys. */
  toggleHelp: () => void;
  /** Esc (outside a text field): step back (close, follow latest, clear the filter). */
  escape: () => void;
}

/**
 * The desk's keys: j/↓ and k/↑ move through the list shown, Enter opens, o opens the source,
 * ? shows the keys, Esc steps back. (/ focuses the ticker filter, in the filter itself.)
 */
export function useKeyboardNav(actions: KeyboardActions): void {
  const state = useRef(actions);
  state.current = actions;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
      const a = state.current;
      if (e.key === '?') {
        e.preventDefault();
        a.toggleHelp();
        return;
      }
      if (e.key === 'Escape') {
        a.escape();
        return;
      }
      if (e.key === 'Enter') {
        const el = e.target as HTMLElement | null;
        // Other buttons and links keep their own Enter; a story row's Enter opens its story.
        if (el && /^(BUTTON|A|SUMMARY)$/.test(el.tagName) && !el.classList.contains('row-hit')) return;
        e.preventDefault();
        a.open();
        return;
      }
      if (e.key === 'o') {
        a.openSource();
        return;
      }
      const step = e.key === 'j' || e.key === 'ArrowDown' ? 1 : e.key === 'k' || e.key === 'ArrowUp' ? -1 : 0;
      if (step === 0 || a.articles.length === 0) return;
      e.preventDefault();
      const at = a.articles.findIndex((x) => x.id === a.selectedId);
      // A selection outside the list shown (the movers, while following the newest story) starts at its top.
      const next =
        at < 0 ? a.articles[0] : a.articles[Math.min(a.articles.length - 1, Math.max(0, at + step))];
      if (next) {
        a.select(next);
        revealRow(next.id, true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Scrolls the list back to a row (after Esc), without taking the focus. */
export function scrollToRow(id: string): void {
  revealRow(id, false);
}
