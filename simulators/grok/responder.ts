import { voiceLikeMulaw } from "../audio/mulaw.ts";
import type { Scheduler, TimerId } from "../scheduler.ts";
import type { Cue, Fault } from "./script.ts";
import { errorEvent, type Json, nextId } from "./wire.ts";

/**
 * What the simulated model says and does: a paced µ-law reply (a greeting, or an answer to the caller's
 * turn, as long as the cue says), a scripted function call, and cancel and truncate of what it said.
 */

const CHUNK_MS = 40;
const CHUNK_EVERY_MS = 36; // a little faster than real time, like the real service
const GREETING_MS = 2400;
const REPLY_MS = 3200;
const DEFAULT_TEXT = "It is so nice to talk with you today.";

export interface ResponseRecord {
  id: string;
  status: "in_progress" | "completed" | "cancelled";
  audioMs: number;
  /** A text-only response's text (absent for spoken ones). */
  text?: string;
}

interface Reply extends ResponseRecord {
  itemId: string;
  timer: TimerId | null;
  text: string;
  textOnly?: boolean;
}

/** What the `garbage` fault sends before each audio chunk: not JSON, JSON that is no event, wrong types. */
const GARBAGE = ["{not json", "[1,2,3]", '{"type":42}', '{"type":"response.output_audio.delta","delta":7}'];

export interface ResponderDeps {
  send(event: Json): void;
  /** A frame as it is, for the `garbage` fault. */
  sendRaw(frame: string): void;
  fault(): Fault;
  scheduler: Scheduler;
}

export class Responder {
  private readonly replies: Reply[] = [];
  private active: Reply | null = null;

  constructor(private readonly deps: ResponderDeps) {}

  get busy(): boolean {
    return this.active !== null;
  }

  records(): ResponseRecord[] {
    return this.replies.map((r) =>
      r.textOnly
        ? { id: r.id, status: r.status, audioMs: r.audioMs, text: r.text }
        : { id: r.id, status: r.status, audioMs: r.audioMs },
    );
  }

  /** Starts a spoken reply; returns its item id, or null when one is already in progress. */
  speak(options: { greeting: boolean; instructions: string | null; cue: Cue | null }): string | null {
    if (this.active) {
      this.deps.send(
        errorEvent("conversation_already_has_active_response", "A response is already in progress."),
      );
      return null;
    }
    const total = options.cue?.reply?.ms ?? (options.greeting ? GREETING_MS : REPLY_MS);
    const prefix = options.instructions ? `(${options.instructions.slice(0, 60)}) ` : "";
    const text = options.cue?.reply?.text ?? `${prefix}${DEFAULT_TEXT}`;
    const r: Reply = {
      id: nextId("resp"),
      itemId: nextId("item"),
      status: "in_progress",
      timer: null,
      audioMs: 0,
      text,
    };
    this.replies.push(r);
    this.active = r;
    this.deps.send({
      type: "response.created",
      response: { id: r.id, object: "realtime.response", status: "in_progress", output: [] },
    });
    const item = {
      id: r.itemId,
      object: "realtime.item",
      type: "message",
      role: "assistant",
      status: "in_progress",
      content: [],
    };
    this.deps.send({ type: "response.output_item.added", response_id: r.id, output_index: 0, item });
    const words = text.split(" ");
    const chunks = Math.ceil(total / CHUNK_MS);
    let sent = 0;
    r.timer = this.deps.scheduler.setInterval(() => {
      const fault = this.deps.fault().mode;
      if (fault === "stall") return;
      if (fault === "garbage") for (const junk of GARBAGE) this.deps.sendRaw(junk);
      const ids = { response_id: r.id, item_id: r.itemId, output_index: 0, content_index: 0 };
      const audio = Buffer.from(voiceLikeMulaw(CHUNK_MS, r.audioMs)).toString("base64");
      this.deps.send({ type: "response.output_audio.delta", ...ids, delta: audio });
      r.audioMs += CHUNK_MS;
      const word = words[Math.floor((sent * words.length) / chunks)];
      if (word && sent % Math.max(1, Math.floor(chunks / words.length)) === 0) {
        this.deps.send({ type: "response.output_audio_transcript.delta", ...ids, delta: `${word} ` });
      }
      if (++sent >= chunks) this.finish(r, "completed");
    }, CHUNK_EVERY_MS);
    return r.itemId;
  }

  /** Answers the turn with a function call (whole, at once, as the service streams short arguments). */
  callFunction(call: NonNullable<Cue["functionCall"]>): void {
    const responseId = nextId("resp");
    const itemId = nextId("item");
    const callId = nextId("call");
    const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
    const item = {
      id: itemId,
      object: "realtime.item",
      type: "function_call",
      status: "completed",
      call_id: callId,
      name: call.name,
      arguments: args,
    };
    const ids = { response_id: responseId, item_id: itemId, call_id: callId };
    const send = this.deps.send;
    send({
      type: "response.created",
      response: { id: responseId, object: "realtime.response", status: "in_progress", output: [] },
    });
    send({
      type: "response.output_item.added",
      response_id: responseId,
      output_index: 0,
      item: { ...item, status: "in_progress", arguments: "" },
    });
    send({ type: "response.function_call_arguments.delta", ...ids, delta: args });
    send({ type: "response.function_call_arguments.done", ...ids, name: call.name, arguments: args });
    send({
      type: "response.done",
      response: { id: responseId, object: "realtime.response", status: "completed", output: [item] },
    });
    this.replies.push({ id: responseId, itemId, status: "completed", timer: null, audioMs: 0, text: "" });
  }

  /**
   * A text-only response, whole and at once: `response.text.delta`s (the reference's name for text
   * deltas) then `response.done`; nothing is spoken.
   */
  writeText(text: string): void {
    if (this.active) {
      this.deps.send(
        errorEvent("conversation_already_has_active_response", "A response is already in progress."),
      );
      return;
    }
    const r: Reply = {
      id: nextId("resp"),
      itemId: nextId("item"),
      status: "completed",
      timer: null,
      audioMs: 0,
      text,
      textOnly: true,
    };
    this.replies.push(r);
    const send = this.deps.send;
    send({
      type: "response.created",
      response: { id: r.id, object: "realtime.response", status: "in_progress", output: [] },
    });
    const item = { id: r.itemId, object: "realtime.item", type: "message", role: "assistant" };
    send({
      type: "response.output_item.added",
      response_id: r.id,
      output_index: 0,
      item: { ...item, content: [] },
    });
    const ids = { response_id: r.id, item_id: r.itemId, output_index: 0, content_index: 0 };
    for (let at = 0; at < text.length; at += 40)
      send({ type: "response.text.delta", ...ids, delta: text.slice(at, at + 40) });
    const done = { ...item, status: "completed", content: [{ type: "text", text }] };
    send({ type: "response.output_item.done", response_id: r.id, output_index: 0, item: done });
    send({
      type: "response.done",
      response: { id: r.id, object: "realtime.response", status: "completed", output: [done] },
    });
  }

  cancel(): void {
    if (!this.active) {
      this.deps.send(errorEvent("response_cancel_not_active", "There is no active response to cancel."));
      return;
    }
    this.finish(this.active, "cancelled");
  }

  truncate(itemId: string, audioEndMs: number): void {
    const r = this.replies.find((x) => x.itemId === itemId);
    if (!r) {
      this.deps.send(errorEvent("invalid_value", `Item '${itemId}' does not exist.`, "item_id"));
      return;
    }
    if (audioEndMs < 0 || audioEndMs > r.audioMs) {
      const message = `audio_end_ms ${audioEndMs} is longer than the item's audio (${r.audioMs} ms).`;
      this.deps.send(errorEvent("invalid_value", message, "audio_end_ms"));
      return;
    }
    this.deps.send({
      type: "conversation.item.truncated",
      item_id: itemId,
      content_index: 0,
      audio_end_ms: audioEndMs,
    });
  }

  /** Stops the reply in progress without a word (the socket is closing). */
  stop(): void {
    if (this.active?.timer) this.deps.scheduler.clear(this.active.timer);
  }

  private finish(r: Reply, status: "completed" | "cancelled"): void {
    if (r.timer) this.deps.scheduler.clear(r.timer);
    r.timer = null;
    r.status = status;
    this.active = null;
    const ids = { response_id: r.id, item_id: r.itemId, output_index: 0, content_index: 0 };
    if (status === "completed") {
      this.deps.send({ type: "response.output_audio.done", ...ids });
      this.deps.send({ type: "response.output_audio_transcript.done", ...ids, transcript: r.text });
    }
    const item = {
      id: r.itemId,
      object: "realtime.item",
      type: "message",
      role: "assistant",
      status: status === "completed" ? "completed" : "incomplete",
    };
    this.deps.send({ type: "response.output_item.done", response_id: r.id, output_index: 0, item });
    const usage = { total_tokens: 0, input_tokens: 0, output_tokens: 0 };
    this.deps.send({
      type: "response.done",
      response: { id: r.id, object: "realtime.response", status, output: [item], usage },
    });
  }
}
