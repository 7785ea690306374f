export interface EventuallyOptions<T> {
  /** When the value read is the one awaited; default: any truthy value. */
  until?: (value: T) => boolean;
  /** The bound: after this long the last error (or a "never reached" error) fails the test. Default 10 s. */
  timeoutMs?: number;
  /** Pause between reads. Default 50 ms. */
  intervalMs?: number;
}

/**
 * Reads `read` until it returns an awaited value without throwing, for a condition the product reaches on
 * its own (a text sent after a transaction, a callback landing in the database). A read that throws — an
 * `expect` included — is retried; at the deadline the last error is thrown, so the failure says why.
 */
export async function eventually<T>(
  read: () => T | Promise<T>,
  options: EventuallyOptions<T> = {},
): Promise<T> {
  const { until = (value: T) => Boolean(value), timeoutMs = 10_000, intervalMs = 50 } = options;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const value = await read();
      if (until(value)) return value;
      failure = new Error(`not reached within ${timeoutMs} ms; last value: ${describe(value)}`);
    } catch (error) {
      failure = error;
    }
    if (performance.now() >= deadline) throw failure;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
