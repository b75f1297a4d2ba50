import type { Article } from '../../../../shared/index.js';

/**
 * While the reader is reading (scrolled down, or a story picked), stories newer than `anchorSeq`
 * wait off the list; null shows everything. Returns the list to show and how many wait.
 */
export function heldView<A extends Pick<Article, 'seq'>>(
  articles: readonly A[],
  anchorSeq: number | null,
): { visible: readonly A[]; unseen: number } {
  if (anchorSeq === null) return { visible: articles, unseen: 0 };
  let unseen = 0;
  for (const a of articles) if (a.seq > anchorSeq) unseen += 1;
  return unseen === 0
    ? { visible: articles, unseen }
    : { visible: articles.filter((a) => a.seq <= anchorSeq), unseen };
}
