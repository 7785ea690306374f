/**
 * The realtime API's wire, as the simulator speaks it: client events narrowed from text frames, server
 * events serialised with an `event_id`, and the ids the service mints.
 */

export type Json = Record<string, unknown>;

/** A client event the simulator acts on; anything else is answered with an `invalid_event` error. */
export type ClientEvent =
  | { type: "session.update"; session: unknown }
  | { type: "input_audio_buffer.append"; audio: string }
  /** `textOnly`: `response.modalities` is `["text"]` (pipecat's xAI ResponseProperties): nothing is spoken. */
  | { type: "response.create"; instructions: string | null; textOnly: boolean }
  | { type: "response.cancel" }
  | { type: "conversation.item.truncate"; itemId: string; audioEndMs: number }
  | { type: "conversation.item.create"; item: unknown };

export type ParsedClientEvent =
  | { ok: true; event: ClientEvent }
  | { ok: false; type: string; code: "invalid_json" | "invalid_event"; message: string };

let counter = 0;
/** A fresh id such as `resp_1a`, unique in this process. */
export const nextId = (prefix: string) => `${prefix}_${(++counter).toString(36)}`;

export function parseClientEvent(text: string): ParsedClientEvent {
  let event: Json;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("not an object");
    event = { ...parsed };
  } catch {
    return { ok: false, type: "", code: "invalid_json", message: "The message is not a JSON object." };
  }
  const type = typeof event.type === "string" ? event.type : "";
  switch (type) {
    case "session.update":
      return { ok: true, event: { type, session: event.session } };
    case "input_audio_buffer.append":
      return { ok: true, event: { type, audio: typeof event.audio === "string" ? event.audio : "" } };
    case "response.create":
      return {
        ok: true,
        event: { type, instructions: instructionsOf(event.response), textOnly: textOnly(event.response) },
      };
    case "response.cancel":
      return { ok: true, event: { type } };
    case "conversation.item.truncate":
      return {
        ok: true,
        event: {
          type,
          itemId: typeof event.item_id === "string" ? event.item_id : "",
          audioEndMs: typeof event.audio_end_ms === "number" ? event.audio_end_ms : -1,
        },
      };
    case "conversation.item.create":
      return { ok: true, event: { type, item: event.item ?? {} } };
    default:
      return { ok: false, type, code: "invalid_event", message: `Unknown event type '${type}'.` };
  }
}

/** One server event as a text frame. */
export function serialize(event: Json): string {
  return JSON.stringify({ event_id: nextId("event"), ...event });
}

export function errorEvent(code: string, message: string, param?: string): Json {
  return { type: "error", error: { type: "invalid_request_error", code, message, param: param ?? null } };
}

/** The text of a `message` item the client added, with its role; null for any other item. */
export function messageText(item: unknown): { role: string; text: string } | null {
  if (typeof item !== "object" || item === null || !("role" in item) || !("content" in item)) return null;
  const { role, content } = item;
  if (typeof role !== "string" || !Array.isArray(content)) return null;
  const text = content
    .map((part: unknown) =>
      typeof part === "object" && part !== null && "text" in part && typeof part.text === "string"
        ? part.text
        : "",
    )
    .join("")
    .trim();
  return text ? { role, text } : null;
}

/** A `function_call_output` item's call id and output, or null for any other item. */
export function functionOutput(item: unknown): { callId: string; output: string } | null {
  if (typeof item !== "object" || item === null || !("type" in item) || item.type !== "function_call_output")
    return null;
  const callId: unknown = Reflect.get(item, "call_id");
  const output: unknown = Reflect.get(item, "output");
  return typeof callId === "string" && typeof output === "string" ? { callId, output } : null;
}

/** `session.audio.<dir>.format.type`, or null when the update does not set it. */
export function audioFormatOf(session: object, dir: "input" | "output"): string | null {
  const audio: unknown = Reflect.get(session, "audio");
  if (typeof audio !== "object" || audio === null || !(dir in audio)) return null;
  const side: unknown = Reflect.get(audio, dir);
  if (typeof side !== "object" || side === null || !("format" in side)) return null;
  const format = side.format;
  return typeof format === "object" && format !== null && "type" in format && typeof format.type === "string"
    ? format.type
    : null;
}

/** `turn_detection.silence_duration_ms` of a session config (the service's default 800 ms otherwise). */
export function silenceDurationMs(config: Json): number {
  const td = config.turn_detection;
  const ms =
    typeof td === "object" && td !== null && "silence_duration_ms" in td ? td.silence_duration_ms : undefined;
  return typeof ms === "number" ? ms : 800;
}

function textOnly(response: unknown): boolean {
  if (typeof response !== "object" || response === null || !("modalities" in response)) return false;
  const modalities = response.modalities;
  return Array.isArray(modalities) && modalities.length > 0 && modalities.every((m) => m === "text");
}

function instructionsOf(response: unknown): string | null {
  if (typeof response !== "object" || response === null || !("instructions" in response)) return null;
  return typeof response.instructions === "string" ? response.instructions : null;
}
