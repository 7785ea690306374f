/**
 * Opens the Grok realtime socket the Workers way: an HTTP request with `Upgrade: websocket` whose response
 * carries the socket (workerd's `Response.webSocket`). The key travels in a header, never in the URL.
 * Written against narrow structural types so the same code runs in workerd and under a fake in tests.
 */

export interface AcceptableSocket {
  accept(): void;
  close(code?: number, reason?: string): void;
}

export interface UpgradeResponse<S extends AcceptableSocket> {
  status: number;
  webSocket: S | null;
  text(): Promise<string>;
}

export type UpgradeFetch<S extends AcceptableSocket> = (
  url: string,
  init: { headers: Record<string, string> },
) => Promise<UpgradeResponse<S>>;

export type GrokConnectFailure =
  /** The server answered without upgrading: 401 bad key, 429 too many sessions, 503 unavailable… */
  | { kind: "refused"; status: number; body: string }
  /** DNS, TLS or connection failure before any HTTP answer. */
  | { kind: "network"; message: string }
  /** 101 without a socket: a proxy in the way, or not running in workerd. */
  | { kind: "no_socket"; status: number }
  /** The call ended while the socket was opening; the late socket has been closed. */
  | { kind: "aborted" };

export type GrokConnectResult<S> = { ok: true; socket: S } | { ok: false; failure: GrokConnectFailure };

export interface GrokConnectOptions<S extends AcceptableSocket> {
  /** `wss://api.x.ai/v1/realtime?model=…` (or the simulator's ws:// URL). */
  url: string;
  apiKey: string;
  fetch: UpgradeFetch<S>;
  /** Aborted when the call ends; a socket that opens after that is closed, not returned. */
  signal?: AbortSignal;
}

const BODY_LIMIT = 200;

export async function connectGrok<S extends AcceptableSocket>(
  options: GrokConnectOptions<S>,
): Promise<GrokConnectResult<S>> {
  let response: UpgradeResponse<S>;
  try {
    response = await options.fetch(options.url.replace(/^ws/, "http"), {
      headers: { Upgrade: "websocket", Authorization: `Bearer ${options.apiKey}` },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, failure: { kind: "network", message: message.slice(0, BODY_LIMIT) } };
  }
  const socket = response.webSocket;
  if (!socket) {
    if (response.status === 101) return { ok: false, failure: { kind: "no_socket", status: 101 } };
    const body = await response.text().catch(() => "");
    return {
      ok: false,
      failure: { kind: "refused", status: response.status, body: body.slice(0, BODY_LIMIT) },
    };
  }
  socket.accept();
  if (options.signal?.aborted) {
    socket.close(1000, "call ended");
    return { ok: false, failure: { kind: "aborted" } };
  }
  return { ok: true, socket };
}

/** A connect failure as the reducer's `grok.failed` reports it: the HTTP status when there was one. */
export function describeFailure(failure: GrokConnectFailure): { status: number | null; message: string } {
  switch (failure.kind) {
    case "refused":
      return { status: failure.status, message: failure.body };
    case "no_socket":
      return { status: failure.status, message: "no socket in the upgrade response" };
    case "network":
      return { status: null, message: failure.message };
    case "aborted":
      return { status: null, message: "call ended while connecting" };
  }
}
