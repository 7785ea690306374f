import type { ToolSchema } from "../../../functions/_shared/contracts/index.ts";

/**
 * The xAI realtime server events a phone bridge acts on (docs.x.ai Voice Agent API; field names as in
 * pipecat's xai/realtime/events.py), as small objects with camelCase fields (./codec.ts narrows the wire
 * text into these). Anything else — pings, content parts, conversation.item.added, unknown types — parses
 * to null.
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
  /** Text of a text-only response (`modalities: ["text"]`), as the reference names it. */
  | { type: "response.text.delta"; responseId: string; delta: string }
  /** xAI's `.done` may omit `transcript` (pipecat models it without); the reducer falls back to the deltas. */
  | { type: "response.output_audio_transcript.done"; itemId: string; transcript: string | null }
  | { type: "response.function_call_arguments.done"; callId: string; name: string; arguments: string }
  | { type: "response.done"; responseId: string; status: string }
  | { type: "conversation.item.truncated"; itemId: string; audioEndMs: number }
  | { type: "error"; code: string; message: string; errorType: string };

/**
 * Client → server events for xAI realtime, as plain objects (built by ./client-events.ts); the codec's
 * `encodeClientEvent` writes the wire text.
 */
export type GrokClientEvent =
  | { type: "session.update"; session: GrokSessionConfig }
  | { type: "input_audio_buffer.append"; audio: string }
  | { type: "response.create"; response?: { instructions: string; modalities?: ["text"] } }
  | { type: "response.cancel" }
  | { type: "conversation.item.truncate"; item_id: string; content_index: 0; audio_end_ms: number }
  | { type: "conversation.item.create"; item: GrokItem };

export type GrokItem =
  | { type: "message"; role: "system" | "user"; content: [{ type: "input_text"; text: string }] }
  | { type: "function_call_output"; call_id: string; output: string };

export interface GrokSessionConfig {
  instructions: string;
  voice: string;
  tools: ToolSchema[];
  turn_detection: {
    type: "server_vad";
    threshold: number;
    silence_duration_ms: number;
    prefix_padding_ms: number;
  };
  audio: {
    input: { format: { type: "audio/pcmu" }; transcription: { language_hint: string } };
    output: { format: { type: "audio/pcmu" } };
  };
}
