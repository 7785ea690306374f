import { describe, expect, it } from "vitest";
import {
  appendAudio,
  createResponse,
  functionCallOutput,
  messageItem,
  sessionUpdate,
  truncateItem,
} from "./client-events.ts";
import { encodeClientEvent, parseGrokEvent } from "./codec.ts";

describe("parseGrokEvent", () => {
  it("narrows the events the bridge uses", () => {
    const cases: [unknown, unknown][] = [
      [
        {
          type: "response.output_audio.delta",
          event_id: "e",
          response_id: "r1",
          item_id: "i1",
          delta: "AAA=",
        },
        { type: "response.output_audio.delta", responseId: "r1", itemId: "i1", delta: "AAA=" },
      ],
      [
        { type: "input_audio_buffer.speech_started", item_id: "u1", audio_start_ms: 120 },
        { type: "input_audio_buffer.speech_started", itemId: "u1", audioStartMs: 120 },
      ],
      [
        { type: "conversation.item.input_audio_transcription.completed", item_id: "u1", transcript: "hi" },
        { type: "conversation.item.input_audio_transcription.completed", itemId: "u1", transcript: "hi" },
      ],
      [
        { type: "response.output_item.added", response_id: "r1", item: { id: "i1", type: "message" } },
        { type: "response.output_item.added", responseId: "r1", itemId: "i1", itemType: "message" },
      ],
      [
        {
          type: "response.function_call_arguments.done",
          call_id: "c1",
          name: "recall_memory",
          arguments: "{}",
        },
        {
          type: "response.function_call_arguments.done",
          callId: "c1",
          name: "recall_memory",
          arguments: "{}",
        },
      ],
      [
        { type: "response.done", response: { id: "r1", status: "cancelled", output: [] } },
        { type: "response.done", responseId: "r1", status: "cancelled" },
      ],
      [
        { type: "response.output_audio_transcript.done", item_id: "i1" },
        { type: "response.output_audio_transcript.done", itemId: "i1", transcript: null },
      ],
      [
        {
          type: "error",
          error: { type: "invalid_request_error", code: "invalid_value", message: "too long" },
        },
        { type: "error", code: "invalid_value", message: "too long", errorType: "invalid_request_error" },
      ],
    ];
    for (const [wire, event] of cases) expect(parseGrokEvent(JSON.stringify(wire))).toEqual(event);
  });

  it("ignores unknown or malformed events", () => {
    for (const text of [
      "{",
      '{"type":"ping","timestamp":1}',
      '{"type":"response.output_audio.delta"}',
      '{"type":"response.done"}',
      '{"type":"response.function_call_arguments.done","call_id":"c"}',
      '"text"',
    ]) {
      expect(parseGrokEvent(text)).toBeNull();
    }
  });
});

describe("client events", () => {
  it("configures µ-law both ways, server VAD tuned for slow speakers, and transcription", () => {
    const event = sessionUpdate({ instructions: "Be kind", voice: "ara", tools: [], language: "en-US" });
    const wire = JSON.parse(encodeClientEvent(event));
    expect(wire.type).toBe("session.update");
    expect(wire.session.audio.input.format).toEqual({ type: "audio/pcmu" });
    expect(wire.session.audio.output.format).toEqual({ type: "audio/pcmu" });
    expect(wire.session.audio.input.transcription).toEqual({ language_hint: "en-US" });
    expect(wire.session.turn_detection.type).toBe("server_vad");
    expect(wire.session.turn_detection.silence_duration_ms).toBeGreaterThanOrEqual(1000);
    expect(wire.session.instructions).toBe("Be kind");
  });

  it("clamps truncation to the audio actually sent", () => {
    expect(truncateItem("i1", 900.7, 640)).toMatchObject({
      audio_end_ms: 640,
      item_id: "i1",
      content_index: 0,
    });
    expect(truncateItem("i1", 300.9, 640)).toMatchObject({ audio_end_ms: 300 });
    expect(truncateItem("i1", -5, 640)).toMatchObject({ audio_end_ms: 0 });
  });

  it("writes items, responses and audio", () => {
    expect(JSON.parse(encodeClientEvent(appendAudio("//8=")))).toEqual({
      type: "input_audio_buffer.append",
      audio: "//8=",
    });
    expect(createResponse()).toEqual({ type: "response.create" });
    expect(createResponse("Greet Rose")).toEqual({
      type: "response.create",
      response: { instructions: "Greet Rose" },
    });
    expect(messageItem("system", "Check in")).toEqual({
      type: "conversation.item.create",
      item: { type: "message", role: "system", content: [{ type: "input_text", text: "Check in" }] },
    });
    expect(functionCallOutput("c1", { ok: true })).toEqual({
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: "c1", output: '{"ok":true}' },
    });
  });
});
