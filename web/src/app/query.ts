import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/client.ts";
import { authClient } from "../platform/auth-client.ts";

/** A 401 means the session is gone (expired, revoked): sign out, which sends the person to sign in. */
function signOutOnUnauthorized(error: unknown) {
  if (error instanceof ApiError && error.status === 401) void authClient.signOut();
}

export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: signOutOnUnauthorized }),
    mutationCache: new MutationCache({ onError: signOutOnUnauthorized }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A refusal (4xx) will not change by asking again; network and server failures get one retry.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
        refetchOnWindowFocus: true,
      },
    },
  });
}
