/**
 * Work that must not delay the response (e.g. warming the bridge up while Twilio opens the stream).
 * On Supabase's edge runtime `EdgeRuntime.waitUntil` keeps the isolate alive until it settles; elsewhere
 * (Node tests, the local Deno server) the process outlives the request anyway.
 */
export function inBackground(work: Promise<unknown>): void {
  const runtime = (globalThis as { EdgeRuntime?: { waitUntil(promise: Promise<unknown>): void } })
    .EdgeRuntime;
  const settled = work.catch(() => {});
  runtime?.waitUntil(settled);
}
