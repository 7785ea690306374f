import { isRecord, num, str } from "../json.ts";
import { scanAudioDelta } from "./scanner.ts";
import type { GrokClientEvent, GrokEvent } from "./types.ts";

/** Audio deltas are read straight from the text (./scanner.ts); everything else takes one JSON parse. */
export function parseGrokEvent(text: string): GrokEvent | null {
  const scanned = scanAudioDelta(text);
  if (scanned) return scanned;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return toGrokEvent(value);
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
    case "response.text.delta":
      return { type, responseId, delta: str(value, "delta") ?? "" };
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

export function encodeClientEvent(event: GrokClientEvent): string {
  return JSON.stringify(event);
}
