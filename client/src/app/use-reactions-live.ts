import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  liveReactionUpdateSchema,
  type ReactionsUpdated,
  type ReactionUpdate,
} from '../../../shared/index.js';
import { applyReactionsToFeeds, refreshFeeds } from '../features/feed/index.js';
import { refreshMovers } from '../features/movers/index.js';
import { applyReactionsToStories, refreshStories } from '../features/story/index.js';
import { latestUpdates, type ReactionChange } from '../lib/reaction.js';
import { isReconnect, socket } from '../lib/socket.js';

/** The server sends one frame per sweep (about a second); frames close together are applied as one cache write. */
const BATCH_MS = 120;

function isUpdate(u: unknown): u is ReactionUpdate {
  return typeof u === 'object' && u !== null && 'id' in u && 'tickers' in u && Array.isArray(u.tickers);
}

/**
 * Writes reactions:updated into the query cache: every cached feed list and story detail holding
 * the story (setQueryData, no copy in component state), and refreshes the movers ranking (throttled);
 * after a reconnect, refetches them.
 */
export function useReactionsLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const pending: ReactionChange[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const updates = latestUpdates(pending.splice(0));
      if (updates.size === 0) return;
      applyReactionsToFeeds(queryClient, updates);
      applyReactionsToStories(queryClient, updates);
      refreshMovers(queryClient);
    };
    const onUpdated = (event: ReactionsUpdated) => {
      // Full updates (a value froze) first: a story comes in one list or the other in a frame.
      for (const u of event?.articles ?? []) if (isUpdate(u)) pending.push(u);
      for (const u of event?.live ?? []) {
        const parsed = liveReactionUpdateSchema.safeParse(u);
        if (parsed.success) pending.push(parsed.data);
      }
      timer ??= setTimeout(flush, BATCH_MS);
    };
    // Stories older than an hour are only pushed when a value freezes: one frozen while this page
    // was offline would never arrive. Refetch what is cached after a reconnect.
    const onConnect = () => {
      if (!isReconnect()) return;
      refreshFeeds(queryClient);
      refreshStories(queryClient);
      refreshMovers(queryClient);
    };
    socket.on('reactions:updated', onUpdated);
    socket.on('connect', onConnect);
    return () => {
      socket.off('reactions:updated', onUpdated);
      socket.off('connect', onConnect);
      if (timer !== null) clearTimeout(timer);
    };
  }, [queryClient]);
}
