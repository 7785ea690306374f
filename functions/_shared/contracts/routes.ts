/**
 * Where the two deployables reach each other, and the identifiers both check.
 *
 * Worker (bridge-worker), called by Twilio and functions/twilio:
 *   GET  /health                          its secrets and functions/bridge's health
 *   POST /twilio/voice-fallback           the number's fallback URL (signed by Twilio): TwiML in en and es
 *   GET  /media-stream/:callSessionId     Twilio's media stream (WebSocket)
 *   POST /calls/:callSessionId/prepare    warm start, signed "prepare"        PrepareRequest → PrepareAccepted
 *
 * functions/bridge, called by the Worker (all POST, signed "bridge"), under /bridge/sessions/:id/ (the
 * function mounts BRIDGE_ROUTES below, so both sides use the same paths):
 *   context → CallContext · tools/:name → ToolCallResult · transcript → TranscriptResult ·
 *   minutes → MinutesStatus · opt-out → Ok · end → Ok · events → Ok · insights → InsightsStored
 */

/** A call session id (a UUID): names the Worker's Durable Object and the session in the database. */
export const SESSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isSessionId(value: string): boolean {
  return SESSION_ID_PATTERN.test(value);
}

/** The `<Parameter>` of the TwiML `<Stream>` that carries the stream token (see signing/stream-token.ts). */
export const STREAM_TOKEN_PARAMETER = "token";

/**
 * `<Stream>` parameters with the apology in the line's language and its BCP-47 tag: whatever else fails, the
 * Worker has them the moment the stream starts, so a model failure is never met with silence or with
 * another language.
 */
export const STREAM_APOLOGY_PARAMETER = "apology";
export const STREAM_LANGUAGE_PARAMETER = "language";

export const WORKER_ROUTES = {
  health: "/health",
  /** Twilio's fallback URL for the number's voice webhook: speaks FALLBACK_WORDS when functions/twilio is down. */
  voiceFallback: "/twilio/voice-fallback",
  mediaStream: "/media-stream/:callSessionId",
  prepare: "/calls/:callSessionId/prepare",
} as const;

export function mediaStreamPath(callSessionId: string): string {
  return `/media-stream/${callSessionId}`;
}

/**
 * The media-stream URL as the TwiML gives it to Twilio — and so exactly the URL Twilio signs on the
 * WebSocket upgrade, which the Worker rebuilds from the same configured public origin to check it.
 */
export function mediaStreamUrl(publicBase: string, callSessionId: string): string {
  return `${publicBase.replace(/\/+$/, "")}${mediaStreamPath(callSessionId)}`;
}

/**
 * An HTTP route of the Worker at its public origin (the media stream's `wss://` origin as `https://`): the
 * URL Twilio calls — and signs — for the number's fallback URL.
 */
export function workerPublicUrl(publicBase: string, path: string): string {
  return `${publicBase.replace(/\/+$/, "").replace(/^ws/, "http")}${path}`;
}

export function preparePath(callSessionId: string): string {
  return `/calls/${callSessionId}/prepare`;
}

/** The Edge Function the Worker calls; its routes below are relative to `/<name>`. */
export const BRIDGE_FUNCTION = "bridge";

export const BRIDGE_ROUTES = {
  context: "/sessions/:id/context",
  tool: "/sessions/:id/tools/:name",
  transcript: "/sessions/:id/transcript",
  minutes: "/sessions/:id/minutes",
  optOut: "/sessions/:id/opt-out",
  end: "/sessions/:id/end",
  events: "/sessions/:id/events",
  insights: "/sessions/:id/insights",
} as const;

export type BridgeRoute = keyof typeof BRIDGE_ROUTES;

/** The path of one functions/bridge route for a session (and a tool name, for `tool`), from the functions' base URL. */
export function bridgePath(route: BridgeRoute, callSessionId: string, toolName = ""): string {
  const path = BRIDGE_ROUTES[route]
    .replace(":id", encodeURIComponent(callSessionId))
    .replace(":name", encodeURIComponent(toolName));
  return `/${BRIDGE_FUNCTION}${path}`;
}
