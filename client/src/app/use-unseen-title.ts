import { useEffect, useRef } from 'react';
import type { Article } from '../../../shared/index.js';

const BASE_TITLE = 'Tickerwire';

/** While the tab is in the background, counts stories that arrived in the title: "(3) Tickerwire". */
export function useUnseenTitle(articles: readonly Article[]): void {
  const seenSeq = useRef(0);
  const newest = articles[0]?.seq ?? 0;

  useEffect(() => {
    const onVisibility = () => {
      if (!document.hidden) {
        seenSeq.current = 0;
        document.title = BASE_TITLE;
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  useEffect(() => {
    if (!document.hidden || newest === 0) {
      seenSeq.current = newest;
      return;
    }
    if (seenSeq.current === 0) seenSeq.current = newest;
    const unseen = articles.filter((a) => a.seq > seenSeq.current).length;
    document.title = unseen > 0 ? `(${unseen}) ${BASE_TITLE}` : BASE_TITLE;
  }, [articles, newest]);
}
