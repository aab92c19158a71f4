import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthorized } from '../api.ts';
import { currentUserKey } from '../modules/auth/auth.api.ts';

const MAX_RETRIES = 2;

export function createQueryClient(): QueryClient {
  // An expired session shows up as a 401 on whatever request comes next; marking the
  // user as signed out lets the auth guard send them to /login from any page.
  const signOutOn401 = (error: Error) => {
    if (isUnauthorized(error)) queryClient.setQueryData(currentUserKey, null);
  };

  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: signOutOn401 }),
    mutationCache: new MutationCache({ onError: signOutOn401 }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not fix themselves; only retry network and server failures.
        retry: (failureCount, error) =>
          failureCount < MAX_RETRIES &&
          !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
  return queryClient;
}
