import type { QueryClient } from '@tanstack/react-query';
import type { ReactionChange } from '../../lib/reaction.js';
import { applyReactionUpdates, type FeedData } from './feed-cache.js';
import { feedKeys } from './feed-queries.js';

/**
 * Reaction updates received in the last minute, newest per story: a REST snapshot whose fetch was
 * in flight when one arrived would otherwise put the older reaction back (for stories older than
 * an hour the next push may only come at the next frozen horizon).
 */
const recent = new Map<string, { update: ReactionChange; at: number }>();
const RECENT_MS = 60_000;
const RECENT_MAX = 500;

function remember(updates: ReadonlyMap<string, ReactionChange>, now: number): void {
  for (const [id, update] of updates) {
    recent.delete(id);
    recent.set(id, { update, at: now });
  }
  // Oldest entries come first in a Map's insertion order.
  for (const [id, e] of recent) {
    if (recent.size <= RECENT_MAX && now - e.at < RECENT_MS) break;
    recent.delete(id);
  }
}

/** Writes reaction updates (newest per story id) into every cached feed list holding those stories. */
export function applyReactionsToFeeds(
  queryClient: QueryClient,
  updates: ReadonlyMap<string, ReactionChange>,
): void {
  remember(updates, Date.now());
  for (const query of queryClient.getQueryCache().findAll({ queryKey: feedKeys.lists() })) {
    const data = query.state.data as FeedData | undefined;
    if (!data) continue;
    const next = applyReactionUpdates(data, updates);
    if (next !== data) queryClient.setQueryData<FeedData>(query.queryKey, next);
  }
}

/** Re-applies the recent updates to a freshly fetched list (only where they are newer). */
export function withRecentReactions(data: FeedData): FeedData {
  if (recent.size === 0) return data;
  const cutoff = Date.now() - RECENT_MS;
  const updates = new Map<string, ReactionChange>();
  for (const [id, e] of recent) if (e.at >= cutoff) updates.set(id, e.update);
  return applyReactionUpdates(data, updates);
}

/** Refetches the cached lists in the background (their reactions may have moved on while offline). */
export function refreshFeeds(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: feedKeys.lists() });
}
