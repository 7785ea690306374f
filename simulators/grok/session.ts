import type { WebSocket } from "ws";
import { mulawRms, voiceLikeMulaw } from "../audio/mulaw.ts";
import { type Cue, type Fault, takeCue } from "./script.ts";

/** One realtime session of the simulator: server VAD by energy, paced µ-law replies, cancel and truncate. */

const FRAME_BYTES = 160; // 20 ms of 8 kHz µ-law
const SPEECH_RMS = 1200; // well above line noise, well below a voice at normal level
const SPEECH_FRAMES_TO_START = 2;
const CHUNK_MS = 40;
const CHUNK_EVERY_MS = 36; // a little faster than real time, like the real service
const GREETING_MS = 2400;
const REPLY_MS = 3200;

type Json = Record<string, unknown>;

/** What the `garbage` fault sends before each audio chunk. */
const GARBAGE = ["{not json", "[1,2,3]", '{"type":42}', '{"type":"response.output_audio.delta","delta":7}'];

export interface SessionSnapshot {
  id: string;
  model: string;
  session: Json;
  received: string[];
  /** Text messages the client added (e.g. the safety backstop's system hint), with the caller turns so far. */
  messages: { role: string; text: string; afterCallerTurn: number }[];
  callerTurns: number;
  responses: { id: string; status: string; audioMs: number }[];
  open: boolean;
}

export interface SessionDeps {
  cues: Cue[];
  fault: () => Fault;
  log: (line: string) => void;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}_${(++counter).toString(36)}`;

interface Response {
  id: string;
  itemId: string;
  status: "in_progress" | "completed" | "cancelled";
  timer: ReturnType<typeof setInterval> | null;
  audioMs: number;
  text: string;
}

export class SimSession {
  readonly id = nextId("sess");
  private config: Json = {
    voice: "eve",
    turn_detection: { type: "server_vad", threshold: 0.85, silence_duration_ms: 800 },
    audio: {
      input: { format: { type: "audio/pcm", rate: 24000 } },
      output: { format: { type: "audio/pcm", rate: 24000 } },
    },
  };
  private received: string[] = [];
  private messages: SessionSnapshot["messages"] = [];
  private responses: Response[] = [];
  private active: Response | null = null;
  private audioMs = 0; // caller audio appended so far
  private speechFrames = 0;
  private speechItem: string | null = null;
  private silentMs = 0;
  private callerTurns = 0;
  private pendingCue: Cue | null = null;
  private open = true;
  private lastItemId: string | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly model: string,
    private readonly deps: SessionDeps,
  ) {
    ws.on("message", (data) => this.onMessage(data.toString()));
    ws.on("close", () => this.close());
    this.send({ type: "session.created", session: { id: this.id, model, ...this.config } });
  }

  snapshot(): SessionSnapshot {
    const responses = this.responses.map((r) => ({ id: r.id, status: r.status, audioMs: r.audioMs }));
    const base = { id: this.id, model: this.model, session: this.config, received: [...this.received] };
    const messages = this.messages.map((m) => ({ ...m }));
    return { ...base, messages, callerTurns: this.callerTurns, responses, open: this.open };
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    if (this.active?.timer) clearInterval(this.active.timer);
    this.ws.close();
  }

  private send(event: Json): void {
    if (this.open) this.ws.send(JSON.stringify({ event_id: nextId("event"), ...event }));
  }

  private error(code: string, message: string, param?: string): void {
    this.send({
      type: "error",
      error: { type: "invalid_request_error", code, message, param: param ?? null },
    });
  }

  private onMessage(text: string): void {
    let event: Json;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new Error("not an object");
      event = { ...parsed };
    } catch {
      this.error("invalid_json", "The message is not a JSON object.");
      return;
    }
    const type = typeof event.type === "string" ? event.type : "";
    this.received.push(type);
    switch (type) {
      case "session.update": {
        this.update(event.session);
        return;
      }
      case "input_audio_buffer.append": {
        this.append(typeof event.audio === "string" ? event.audio : "");
        return;
      }
      case "response.create": {
        this.respond(instructionsOf(event.response));
        return;
      }
      case "response.cancel": {
        this.cancel();
        return;
      }
      case "conversation.item.truncate": {
        this.truncate(event);
        return;
      }
      case "conversation.item.create": {
        this.recordMessage(event.item);
        this.send({
          type: "conversation.item.added",
          previous_item_id: this.lastItemId,
          item: event.item ?? {},
        });
        return;
      }
      default: {
        this.error("invalid_event", `Unknown event type '${type}'.`);
        return;
      }
    }
  }

  private recordMessage(item: unknown): void {
    if (typeof item !== "object" || item === null || !("role" in item) || !("content" in item)) return;
    const { role, content } = item;
    if (typeof role !== "string" || !Array.isArray(content)) return;
    const text = content
      .map((part: unknown) =>
        typeof part === "object" && part !== null && "text" in part && typeof part.text === "string"
          ? part.text
          : "",
      )
      .join("")
      .trim();
    if (text) this.messages.push({ role, text, afterCallerTurn: this.callerTurns });
  }

  private update(session: unknown): void {
    if (typeof session !== "object" || session === null) {
      this.error("invalid_value", "session is required.");
      return;
    }
    const next: Json = { ...this.config, ...session };
    for (const dir of ["input", "output"] as const) {
      const format = formatOf(Reflect.get(session, "audio"), dir);
      if (format !== null && format !== "audio/pcmu") {
        this.error(
          "invalid_value",
          `The simulator speaks audio/pcmu only, not ${format}.`,
          `session.audio.${dir}.format`,
        );
        return;
      }
    }
    this.config = next;
    this.send({ type: "session.updated", session: { id: this.id, model: this.model, ...next } });
  }

  private silenceMsConfig(): number {
    const td = this.config.turn_detection;
    const ms =
      typeof td === "object" && td !== null && "silence_duration_ms" in td
        ? td.silence_duration_ms
        : undefined;
    return typeof ms === "number" ? ms : 800;
  }

  private append(b64: string): void {
    const bytes = Buffer.from(b64, "base64");
    for (let at = 0; at < bytes.length; at += FRAME_BYTES) {
      const end = Math.min(at + FRAME_BYTES, bytes.length);
      this.frame(mulawRms(bytes, at, end) >= SPEECH_RMS, (end - at) / 8);
    }
  }

  private frame(loud: boolean, ms: number): void {
    this.audioMs += ms;
    if (this.speechItem === null) {
      this.speechFrames = loud ? this.speechFrames + 1 : 0;
      if (this.speechFrames < SPEECH_FRAMES_TO_START) return;
      this.speechItem = nextId("item");
      this.silentMs = 0;
      const startMs = Math.max(0, Math.round(this.audioMs - this.speechFrames * 20));
      this.send({
        type: "input_audio_buffer.speech_started",
        audio_start_ms: startMs,
        item_id: this.speechItem,
      });
      return;
    }
    this.silentMs = loud ? 0 : this.silentMs + ms;
    if (this.silentMs >= this.silenceMsConfig()) this.endTurn();
  }

  private endTurn(): void {
    const itemId = this.speechItem ?? nextId("item");
    this.speechItem = null;
    this.speechFrames = 0;
    this.callerTurns++;
    const cue = takeCue(this.deps.cues, this.callerTurns);
    this.send({
      type: "input_audio_buffer.speech_stopped",
      audio_end_ms: Math.round(this.audioMs),
      item_id: itemId,
    });
    this.send({ type: "input_audio_buffer.committed", previous_item_id: this.lastItemId, item_id: itemId });
    this.lastItemId = itemId;
    const transcript = cue?.transcript ?? "I had a lovely walk in the garden this morning.";
    this.send({
      type: "conversation.item.input_audio_transcription.completed",
      item_id: itemId,
      content_index: 0,
      transcript,
    });
    if (cue?.functionCall) {
      this.functionCall(cue.functionCall);
      return;
    }
    this.pendingCue = cue;
    if (!this.active) this.respond(null);
  }

  private functionCall(call: NonNullable<Cue["functionCall"]>): void {
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
    this.send({
      type: "response.created",
      response: { id: responseId, object: "realtime.response", status: "in_progress", output: [] },
    });
    this.send({
      type: "response.output_item.added",
      response_id: responseId,
      output_index: 0,
      item: { ...item, status: "in_progress", arguments: "" },
    });
    this.send({
      type: "response.function_call_arguments.delta",
      response_id: responseId,
      item_id: itemId,
      call_id: callId,
      delta: args,
    });
    this.send({
      type: "response.function_call_arguments.done",
      response_id: responseId,
      item_id: itemId,
      call_id: callId,
      name: call.name,
      arguments: args,
    });
    this.send({
      type: "response.done",
      response: { id: responseId, object: "realtime.response", status: "completed", output: [item] },
    });
    this.responses.push({ id: responseId, itemId, status: "completed", timer: null, audioMs: 0, text: "" });
  }

  private respond(instructions: string | null): void {
    if (this.active) {
      this.error("conversation_already_has_active_response", "A response is already in progress.");
      return;
    }
    const first = this.callerTurns === 0;
    const cue = this.pendingCue;
    this.pendingCue = null;
    const total = cue?.reply?.ms ?? (first ? GREETING_MS : REPLY_MS);
    const text =
      cue?.reply?.text ??
      `${instructions ? `(${instructions.slice(0, 60)}) ` : ""}It is so nice to talk with you today.`;
    const r: Response = {
      id: nextId("resp"),
      itemId: nextId("item"),
      status: "in_progress",
      timer: null,
      audioMs: 0,
      text,
    };
    this.responses.push(r);
    this.active = r;
    this.lastItemId = r.itemId;
    this.send({
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
    this.send({ type: "response.output_item.added", response_id: r.id, output_index: 0, item });
    const words = text.split(" ");
    const chunks = Math.ceil(total / CHUNK_MS);
    let sent = 0;
    r.timer = setInterval(() => {
      const fault = this.deps.fault().mode;
      if (fault === "stall") return;
      if (fault === "garbage" && this.open) for (const junk of GARBAGE) this.ws.send(junk);
      const ids = { response_id: r.id, item_id: r.itemId, output_index: 0, content_index: 0 };
      const audio = Buffer.from(voiceLikeMulaw(CHUNK_MS, r.audioMs)).toString("base64");
      this.send({ type: "response.output_audio.delta", ...ids, delta: audio });
      r.audioMs += CHUNK_MS;
      const word = words[Math.floor((sent * words.length) / chunks)];
      if (word && sent % Math.max(1, Math.floor(chunks / words.length)) === 0) {
        this.send({ type: "response.output_audio_transcript.delta", ...ids, delta: `${word} ` });
      }
      if (++sent >= chunks) this.finish(r, "completed");
    }, CHUNK_EVERY_MS);
  }

  private finish(r: Response, status: "completed" | "cancelled"): void {
    if (r.timer) clearInterval(r.timer);
    r.timer = null;
    r.status = status;
    this.active = null;
    const ids = { response_id: r.id, item_id: r.itemId, output_index: 0, content_index: 0 };
    if (status === "completed") {
      this.send({ type: "response.output_audio.done", ...ids });
      this.send({ type: "response.output_audio_transcript.done", ...ids, transcript: r.text });
    }
    const item = {
      id: r.itemId,
      object: "realtime.item",
      type: "message",
      role: "assistant",
      status: status === "completed" ? "completed" : "incomplete",
    };
    this.send({ type: "response.output_item.done", response_id: r.id, output_index: 0, item });
    const usage = { total_tokens: 0, input_tokens: 0, output_tokens: 0 };
    this.send({
      type: "response.done",
      response: { id: r.id, object: "realtime.response", status, output: [item], usage },
    });
  }

  private cancel(): void {
    if (!this.active) {
      this.error("response_cancel_not_active", "There is no active response to cancel.");
      return;
    }
    this.finish(this.active, "cancelled");
  }

  private truncate(event: Json): void {
    const itemId = typeof event.item_id === "string" ? event.item_id : "";
    const endMs = typeof event.audio_end_ms === "number" ? event.audio_end_ms : -1;
    const r = this.responses.find((x) => x.itemId === itemId);
    if (!r) {
      this.error("invalid_value", `Item '${itemId}' does not exist.`, "item_id");
      return;
    }
    if (endMs < 0 || endMs > r.audioMs) {
      this.error(
        "invalid_value",
        `audio_end_ms ${endMs} is longer than the item's audio (${r.audioMs} ms).`,
        "audio_end_ms",
      );
      return;
    }
    this.send({
      type: "conversation.item.truncated",
      item_id: itemId,
      content_index: 0,
      audio_end_ms: endMs,
    });
  }
}

function instructionsOf(response: unknown): string | null {
  if (typeof response !== "object" || response === null || !("instructions" in response)) return null;
  return typeof response.instructions === "string" ? response.instructions : null;
}

function formatOf(audio: unknown, dir: "input" | "output"): string | null {
  if (typeof audio !== "object" || audio === null || !(dir in audio)) return null;
  const side: unknown = Reflect.get(audio, dir);
  if (typeof side !== "object" || side === null || !("format" in side)) return null;
  const format = side.format;
  return typeof format === "object" && format !== null && "type" in format && typeof format.type === "string"
    ? format.type
    : null;
}
