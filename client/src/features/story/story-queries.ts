import { queryOptions } from '@tanstack/react-query';
import { fetchArticle } from '../../lib/api.js';

/** Query keys of the story panel. */
export const storyKeys = {
  all: ['story'] as const,
  detail: (id: string) => [...storyKeys.all, 'detail', id] as const,
};

/** Story queries no panel shows that the cache keeps at most (one is made for every story selected). */
export const MAX_IDLE_STORY_QUERIES = 20;

/** One story by id (used when the selected story is not in the loaded feed). */
export function storyQueryOptions(id: string) {
  return queryOptions({
    queryKey: storyKeys.detail(id),
    queryFn: ({ signal }) => fetchArticle(id, signal),
    staleTime: 5 * 60_000,
  });
}
