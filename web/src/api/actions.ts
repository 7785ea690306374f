import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useToast } from "../platform/toast.tsx";
import { errorMessage } from "./client.ts";

export interface ActionOptions<TInput, TResult> {
  run: (input: TInput) => Promise<TResult>;
  /** What to tell the person when it worked; omit for steps whose result is shown on the page itself. */
  success?: string | ((result: TResult) => string);
  /** Cached data this action changes. */
  invalidates?: QueryKey[];
  onSuccess?: (result: TResult) => void;
  /** Show the API's message in a toast (default) — or leave it to the form, which shows it inline. */
  toastErrors?: boolean;
}

/** Every action the same way: progress on its button, then a success toast or the API's own message. */
export function useAction<TInput = void, TResult = unknown>(options: ActionOptions<TInput, TResult>) {
  const toast = useToast();
  const queryClient = useQueryClient();
  return useMutation<TResult, Error, TInput>({
    mutationFn: options.run,
    onSuccess: async (result) => {
      await Promise.all(
        (options.invalidates ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
      if (options.success)
        toast.success(typeof options.success === "function" ? options.success(result) : options.success);
      options.onSuccess?.(result);
    },
    onError: (error) => {
      if (options.toastErrors !== false) toast.error(errorMessage(error));
    },
  });
}
