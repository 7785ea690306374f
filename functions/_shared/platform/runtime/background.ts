/**
 * Work that must not delay the response (e.g. warming the bridge up while Twilio opens the stream).
 * On Supabase's edge runtime `EdgeRuntime.waitUntil` keeps the isolate alive until it settles; elsewhere
 * (Node tests, the local Deno server) the process outlives the request anyway.
 */
export type Background = (work: Promise<unknown>) => void;

export const inBackground: Background = (work) => {
  const runtime = (globalThis as { EdgeRuntime?: { waitUntil(promise: Promise<unknown>): void } })
    .EdgeRuntime;
  const settled = work.catch(() => {});
  runtime?.waitUntil(settled);
};

/** For tests: background work kept track of, so a test awaits it (`settled`) instead of sleeping. */
export function trackedBackground(): { run: Background; settled(): Promise<void> } {
  const pending = new Set<Promise<unknown>>();
  return {
    run(work) {
      const settled = work.catch(() => {});
      pending.add(settled);
      void settled.finally(() => pending.delete(settled));
    },
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}
