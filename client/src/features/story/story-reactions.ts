import type { QueryClient } from '@tanstack/react-query';
import type { Article } from '../../../../shared/index.js';
import { applyReactionUpdate, type ReactionChange } from '../../lib/reaction.js';
import { storyKeys } from './story-queries.js';

/** Writes reaction updates (newest per story id) into the cached story details that exist. */
export function applyReactionsToStories(
  queryClient: QueryClient,
  updates: ReadonlyMap<string, ReactionChange>,
): void {
  for (const [id, update] of updates) {
    const key = storyKeys.detail(id);
    const held = queryClient.getQueryData<Article>(key);
    if (!held) continue;
    const next = applyReactionUpdate(held, update);
    if (next !== held) queryClient.setQueryData<Article>(key, next);
  }
}

/**
 * Puts a story picked outside the feed (a mover, a chart marker) in the detail cache, so the panel
 * shows it at once instead of fetching it again.
 */
export function seedStory(queryClient: QueryClient, article: Article): void {
  const key = storyKeys.detail(article.id);
  const held = queryClient.getQueryData<Article>(key);
  const next = held ? applyReactionUpdate(held, article) : article;
  if (next !== held) queryClient.setQueryData<Article>(key, next);
}

/** Refetches the story details on screen (their reactions may have moved on while offline). */
export function refreshStories(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: storyKeys.all });
}
