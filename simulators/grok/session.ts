import type { WebSocket } from "ws";
import type { Scheduler } from "../scheduler.ts";
import { Responder, type ResponseRecord } from "./responder.ts";
import { type Cue, type Fault, takeCue, takeTextReply } from "./script.ts";
import { VoiceDetector } from "./voice.ts";
import {
  audioFormatOf,
  type ClientEvent,
  errorEvent,
  functionOutput,
  type Json,
  messageText,
  nextId,
  parseClientEvent,
  serialize,
  silenceDurationMs,
} from "./wire.ts";

/**
 * One realtime session of the simulator: the socket and the conversation's bookkeeping; the wire, the
 * voice detection and what the model says are each their own module.
 */

const DEFAULT_TRANSCRIPT = "I had a lovely walk in the garden this morning.";

export interface SessionSnapshot {
  id: string;
  model: string;
  session: Json;
  received: string[];
  /** Text messages the client added (e.g. the safety backstop's system hint), with the caller turns so far. */
  messages: { role: string; text: string; afterCallerTurn: number }[];
  /** The function results the client gave back (`function_call_output` items), in order. */
  functionOutputs: { callId: string; output: string }[];
  callerTurns: number;
  responses: ResponseRecord[];
  open: boolean;
}

export interface SessionDeps {
  cues: Cue[];
  fault: () => Fault;
  log: (line: string) => void;
  scheduler: Scheduler;
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
  private readonly received: string[] = [];
  private readonly messages: SessionSnapshot["messages"] = [];
  private readonly functionOutputs: SessionSnapshot["functionOutputs"] = [];
  private readonly voice = new VoiceDetector(
    () => nextId("item"),
    () => silenceDurationMs(this.config),
  );
  private readonly responder: Responder;
  private callerTurns = 0;
  private pendingCue: Cue | null = null;
  private open = true;
  private lastItemId: string | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly model: string,
    private readonly deps: SessionDeps,
  ) {
    this.responder = new Responder({
      send: (event) => this.send(event),
      sendRaw: (frame) => {
        if (this.open) this.ws.send(frame);
      },
      fault: deps.fault,
      scheduler: deps.scheduler,
    });
    ws.on("message", (data) => this.onMessage(data.toString()));
    ws.on("close", () => this.close());
    this.send({ type: "session.created", session: { id: this.id, model, ...this.config } });
  }

  snapshot(): SessionSnapshot {
    const base = { id: this.id, model: this.model, session: this.config, received: [...this.received] };
    const messages = this.messages.map((m) => ({ ...m }));
    const functionOutputs = this.functionOutputs.map((f) => ({ ...f }));
    const responses = this.responder.records();
    return { ...base, messages, functionOutputs, callerTurns: this.callerTurns, responses, open: this.open };
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.responder.stop();
    this.ws.close();
  }

  private send(event: Json): void {
    if (this.open) this.ws.send(serialize(event));
  }

  private onMessage(text: string): void {
    const parsed = parseClientEvent(text);
    if (!parsed.ok) {
      if (parsed.code === "invalid_event") this.received.push(parsed.type);
      this.send(errorEvent(parsed.code, parsed.message));
      return;
    }
    this.received.push(parsed.event.type);
    this.handle(parsed.event);
  }

  private handle(event: ClientEvent): void {
    switch (event.type) {
      case "session.update":
        this.update(event.session);
        return;
      case "input_audio_buffer.append":
        this.append(event.audio);
        return;
      case "response.create":
        if (event.textOnly) this.writeText();
        else this.respond(event.instructions);
        return;
      case "response.cancel":
        this.responder.cancel();
        return;
      case "conversation.item.truncate":
        this.responder.truncate(event.itemId, event.audioEndMs);
        return;
      case "conversation.item.create": {
        const message = messageText(event.item);
        if (message) this.messages.push({ ...message, afterCallerTurn: this.callerTurns });
        const result = functionOutput(event.item);
        if (result) this.functionOutputs.push(result);
        this.send({ type: "conversation.item.added", previous_item_id: this.lastItemId, item: event.item });
        return;
      }
    }
  }

  private update(session: unknown): void {
    if (typeof session !== "object" || session === null) {
      this.send(errorEvent("invalid_value", "session is required."));
      return;
    }
    for (const dir of ["input", "output"] as const) {
      const format = audioFormatOf(session, dir);
      if (format !== null && format !== "audio/pcmu") {
        const message = `The simulator speaks audio/pcmu only, not ${format}.`;
        this.send(errorEvent("invalid_value", message, `session.audio.${dir}.format`));
        return;
      }
    }
    this.config = { ...this.config, ...session };
    this.send({ type: "session.updated", session: { id: this.id, model: this.model, ...this.config } });
  }

  private append(b64: string): void {
    for (const event of this.voice.append(Buffer.from(b64, "base64"))) {
      if (event.kind === "speech_started") {
        this.send({
          type: "input_audio_buffer.speech_started",
          audio_start_ms: event.audioStartMs,
          item_id: event.itemId,
        });
      } else {
        this.endTurn(event.itemId, event.audioEndMs);
      }
    }
  }

  private endTurn(itemId: string, audioEndMs: number): void {
    this.callerTurns++;
    const cue = takeCue(this.deps.cues, this.callerTurns);
    this.send({ type: "input_audio_buffer.speech_stopped", audio_end_ms: audioEndMs, item_id: itemId });
    this.send({ type: "input_audio_buffer.committed", previous_item_id: this.lastItemId, item_id: itemId });
    this.lastItemId = itemId;
    this.send({
      type: "conversation.item.input_audio_transcription.completed",
      item_id: itemId,
      content_index: 0,
      transcript: cue?.transcript ?? DEFAULT_TRANSCRIPT,
    });
    if (cue?.functionCall) {
      this.responder.callFunction(cue.functionCall);
      return;
    }
    this.pendingCue = cue;
    if (!this.responder.busy) this.respond(null);
  }

  /**
   * A text-only answer: the scripted `textReply`, else a small insights record when the caller said
   * something (what the bridge asks for after a call), else "{}".
   */
  private writeText(): void {
    const scripted = takeTextReply(this.deps.cues);
    const text =
      scripted ??
      (this.callerTurns > 0
        ? JSON.stringify({
            summary: "We talked about a walk in the garden.",
            mood: 4,
            energy: 3,
            topics: ["garden"],
          })
        : "{}");
    this.responder.writeText(text);
  }

  private respond(instructions: string | null): void {
    const cue = this.responder.busy ? null : this.pendingCue;
    if (!this.responder.busy) this.pendingCue = null;
    const itemId = this.responder.speak({ greeting: this.callerTurns === 0, instructions, cue });
    if (itemId) this.lastItemId = itemId;
  }
}
