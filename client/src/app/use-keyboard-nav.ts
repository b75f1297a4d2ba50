import { useEffect, useRef } from 'react';
import type { Article } from '../../../shared/index.js';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

function scrollRowIntoView(id: string): void {
  requestAnimationFrame(() => {
    const sel = `[data-article-id="${CSS.escape(id)}"]`;
    const row = document.querySelector<HTMLElement>(
      `[data-testid="article-row"]${sel}, [data-testid="mover-row"]${sel}`,
    );
    row?.scrollIntoView({ block: 'nearest' });
  });
}

/** j/↓ next story of the list shown (feed or movers), k/↑ previous one, Esc back to following the newest. */
export function useKeyboardNav(
  articles: readonly Article[],
  selectedId: string | null,
  select: (article: Article) => void,
  followLatest: () => void,
): void {
  const state = useRef({ articles, selectedId, select, followLatest });
  state.current = { articles, selectedId, select, followLatest };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const { articles: list, selectedId: id, select: pick, followLatest: follow } = state.current;
      if (e.key === 'Escape') {
        follow();
        const first = list[0];
        if (first) scrollRowIntoView(first.id);
        return;
      }
      const step = e.key === 'j' || e.key === 'ArrowDown' ? 1 : e.key === 'k' || e.key === 'ArrowUp' ? -1 : 0;
      if (step === 0 || list.length === 0) return;
      e.preventDefault();
      const at = list.findIndex((a) => a.id === id);
      // A selection outside the list shown (the movers, while following the newest story) starts at its top.
      const next = at < 0 ? list[0] : list[Math.min(list.length - 1, Math.max(0, at + step))];
      if (next) {
        pick(next);
        scrollRowIntoView(next.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
