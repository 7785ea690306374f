import { isRecord, str } from "../twilio/messages.ts";
import { probeAudioDelta } from "./probe.ts";

/**
 * The xAI realtime server events a phone bridge acts on (docs.x.ai Voice Agent API; field names as in
 * pipecat's xai/realtime/events.py), narrowed from `unknown` into small objects with camelCase fields.
 * Anything else — pings, content parts, conversation.item.added, unknown types — parses to null.
 */
export type GrokEvent =
  | { type: "session.created" }
  | { type: "session.updated" }
  | { type: "input_audio_buffer.speech_started"; itemId: string; audioStartMs: number | null }
  | { type: "input_audio_buffer.speech_stopped"; itemId: string }
  | { type: "input_audio_buffer.committed"; itemId: string }
  | { type: "conversation.item.input_audio_transcription.completed"; itemId: string; transcript: string }
  | { type: "response.created"; responseId: string }
  | { type: "response.output_item.added"; responseId: string; itemId: string; itemType: string }
  | { type: "response.output_audio.delta"; responseId: string; itemId: string; delta: string }
  | { type: "response.output_audio.done"; responseId: string; itemId: string }
  | { type: "response.output_audio_transcript.delta"; itemId: string; delta: string }
  /** xAI's `.done` may omit `transcript` (pipecat models it without); the reducer falls back to the deltas. */
  | { type: "response.output_audio_transcript.done"; itemId: string; transcript: string | null }
  | { type: "response.function_call_arguments.done"; callId: string; name: string; arguments: string }
  | { type: "response.done"; responseId: string; status: string }
  | { type: "conversation.item.truncated"; itemId: string; audioEndMs: number }
  | { type: "error"; code: string; message: string; errorType: string };

export type GrokEventType = GrokEvent["type"];

function num(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Narrows one parsed JSON value; unknown types and missing required fields → null. */
function toGrokEvent(value: unknown): GrokEvent | null {
  if (!isRecord(value)) return null;
  const type = str(value, "type");
  const itemId = str(value, "item_id") ?? "";
  const responseId = str(value, "response_id") ?? "";
  switch (type) {
    case "response.output_audio.delta": {
      const delta = str(value, "delta");
      return delta === undefined ? null : { type, responseId, itemId, delta };
    }
    case "response.output_audio.done":
      return { type, responseId, itemId };
    case "response.output_audio_transcript.delta":
      return { type, itemId, delta: str(value, "delta") ?? "" };
    case "response.output_audio_transcript.done":
      return { type, itemId, transcript: str(value, "transcript") ?? null };
    case "input_audio_buffer.speech_started":
      return { type, itemId, audioStartMs: num(value, "audio_start_ms") ?? null };
    case "input_audio_buffer.speech_stopped":
    case "input_audio_buffer.committed":
      return { type, itemId };
    case "conversation.item.input_audio_transcription.completed":
      return { type, itemId, transcript: str(value, "transcript") ?? "" };
    case "response.created":
    case "response.done": {
      const response = value.response;
      if (!isRecord(response)) return null;
      const id = str(response, "id") ?? "";
      if (type === "response.created") return { type, responseId: id };
      return { type, responseId: id, status: str(response, "status") ?? "completed" };
    }
    case "response.output_item.added": {
      const item = value.item;
      const id = isRecord(item) ? str(item, "id") : undefined;
      if (!isRecord(item) || id === undefined) return null;
      return { type, responseId, itemId: id, itemType: str(item, "type") ?? "message" };
    }
    case "response.function_call_arguments.done": {
      const callId = str(value, "call_id");
      const name = str(value, "name");
      if (callId === undefined || name === undefined) return null;
      return { type, callId, name, arguments: str(value, "arguments") ?? "{}" };
    }
    case "conversation.item.truncated":
      return { type, itemId, audioEndMs: num(value, "audio_end_ms") ?? 0 };
    case "error": {
      const error = isRecord(value.error) ? value.error : {};
      return {
        type,
        code: str(error, "code") ?? "",
        message: str(error, "message") ?? "",
        errorType: str(error, "type") ?? "",
      };
    }
    case "session.created":
    case "session.updated":
      return { type };
    default:
      return null;
  }
}

/** Audio deltas are read straight from the text (./probe.ts); everything else takes one JSON parse. */
export function parseGrokEvent(text: string): GrokEvent | null {
  const probed = probeAudioDelta(text);
  if (probed) return probed;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return toGrokEvent(value);
}
