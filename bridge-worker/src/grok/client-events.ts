import type { ToolSchema } from "../../../functions/_shared/contracts/index.ts";
import type { GrokClientEvent } from "./types.ts";

/**
 * Turn-taking for older speakers. Server VAD ends a turn after `silence_duration_ms` of silence; the usual
 * 500–800 ms cuts off someone pausing to find a word, so we wait 1.2 s (a reply still starts well inside
 * the ~2 s pause people read as "no answer"). A threshold of 0.7 (server default 0.85 per pipecat's xAI
 * models, range 0.1–0.9) stays sensitive to quiet voices on a phone line while faint "mm-hmm"s and room
 * noise stay under it; short backchannels that do cross it are handled by the bridge's barge-in debounce.
 */
const TURN_DETECTION = {
  type: "server_vad",
  threshold: 0.7,
  silence_duration_ms: 1200,
  prefix_padding_ms: 300,
} as const;

export function sessionUpdate(opts: {
  instructions: string;
  voice: string;
  tools: ToolSchema[];
  language: string;
}): GrokClientEvent {
  return {
    type: "session.update",
    session: {
      instructions: opts.instructions,
      voice: opts.voice,
      tools: opts.tools,
      turn_detection: { ...TURN_DETECTION },
      audio: {
        // No transcription `model`: per pipecat's notes, naming one switches xAI to `.updated` events
        // instead of the `.completed` one the bridge consumes.
        input: { format: { type: "audio/pcmu" }, transcription: { language_hint: opts.language } },
        output: { format: { type: "audio/pcmu" } },
      },
    },
  };
}

export function appendAudio(audio: string): GrokClientEvent {
  return { type: "input_audio_buffer.append", audio };
}

export function createResponse(instructions?: string): GrokClientEvent {
  return instructions ? { type: "response.create", response: { instructions } } : { type: "response.create" };
}

/** A response in text only (pipecat's xAI `ResponseProperties.modalities`): nothing is spoken. */
export function createTextResponse(instructions: string): GrokClientEvent {
  return { type: "response.create", response: { instructions, modalities: ["text"] } };
}

export function cancelResponse(): GrokClientEvent {
  return { type: "response.cancel" };
}

/** Cuts the assistant item to what the caller heard; past the audio's end is an error, so clamp. */
export function truncateItem(itemId: string, heardMs: number, sentMs: number): GrokClientEvent {
  const audioEndMs = Math.max(0, Math.min(Math.floor(heardMs), Math.floor(sentMs)));
  return { type: "conversation.item.truncate", item_id: itemId, content_index: 0, audio_end_ms: audioEndMs };
}

export function messageItem(role: "system" | "user", text: string): GrokClientEvent {
  return {
    type: "conversation.item.create",
    item: { type: "message", role, content: [{ type: "input_text", text }] },
  };
}

export function functionCallOutput(callId: string, output: Record<string, unknown>): GrokClientEvent {
  return {
    type: "conversation.item.create",
    item: { type: "function_call_output", call_id: callId, output: JSON.stringify(output) },
  };
}
