import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api.js';

/** The one query client. Live data arrives over the socket, so focus refetches are off. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      retry: (failureCount, error) => {
        if (error instanceof ApiRequestError && error.isClientError) return false;
        return failureCount < 4;
      },
      retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 8_000),
    },
  },
});
