/**
 * Unit tests never leave the machine: the global fetch answers only loopback addresses (the simulators
 * and servers a test starts itself) and fails anything else at once, naming it, instead of letting a
 * forgotten mock reach the network. A test replacing fetch (vi.stubGlobal) is unaffected.
 */
const realFetch = globalThis.fetch;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

function target(input: RequestInfo | URL): URL | null {
  try {
    return new URL(input instanceof Request ? input.url : String(input));
  } catch {
    return null;
  }
}

globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
  const url = target(input);
  if (url && LOOPBACK.has(url.hostname)) return realFetch(input, init);
  return Promise.reject(
    new TypeError(`unit tests have no network: fetch(${url ? url.origin : String(input)}) was not mocked`),
  );
}) as typeof fetch;
