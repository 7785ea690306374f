import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ManualScheduler } from "../../tests/support/manual-scheduler.ts";
import { linearToMulaw, voiceLikeMulaw } from "../audio/mulaw.ts";
import { type GrokSimulator, startGrokSimulator } from "./server.ts";

type Event = Record<string, unknown> & { type: string };

class Client {
  events: Event[] = [];
  history: Event[] = [];
  /** Frames that are no event (the `garbage` fault's). */
  junk: string[] = [];
  private waiters: (() => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const text = data.toString();
      let parsed: Event;
      try {
        parsed = JSON.parse(text);
      } catch {
        this.junk.push(text);
        return;
      }
      if (typeof parsed?.type !== "string" || !("event_id" in parsed)) {
        this.junk.push(text);
        return;
      }
      this.events.push(parsed);
      this.history.push(parsed);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
  send(event: Record<string, unknown>) {
    this.ws.send(JSON.stringify(event));
  }
  /** Resolves with the next event of `type` (dropping the ones before it) as soon as it arrives. */
  async next(type: string): Promise<Event> {
    for (;;) {
      const index = this.events.findIndex((e) => e.type === type);
      if (index >= 0) return this.events.splice(0, index + 1)[index] as Event;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
  /**
   * Resolves once the simulator has answered a request sent now: the socket is ordered, so every event
   * the simulator sent before it has arrived by then.
   */
  async drained(): Promise<void> {
    this.send({ type: "response.cancel" });
    await this.next("error");
  }
  of(type: string) {
    return this.history.filter((e) => e.type === type);
  }
}

let sim: GrokSimulator;
// The simulator's clock: replies are paced and faults fire only when a test moves it.
let clock: ManualScheduler;

beforeEach(async () => {
  clock = new ManualScheduler();
  sim = await startGrokSimulator({ port: 0, apiKey: "sim-key", scheduler: clock });
});
afterEach(async () => {
  await sim.stop();
});

async function connect(key = "sim-key"): Promise<Client> {
  const ws = new WebSocket(`${sim.url}?model=grok-voice-latest`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  const client = new Client(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  await client.next("session.created");
  client.send({
    type: "session.update",
    session: {
      instructions: "x",
      audio: { input: { format: { type: "audio/pcmu" } }, output: { format: { type: "audio/pcmu" } } },
    },
  });
  await client.next("session.updated");
  return client;
}

function upgradeStatus(key: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(sim.url, { headers: { Authorization: `Bearer ${key}` } });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => {});
  });
}

/** Sends caller audio in 20 ms frames: `ms` of speech-like signal, then `silenceMs` of silence. */
function speak(client: Client, ms: number, silenceMs: number) {
  const voice = voiceLikeMulaw(ms);
  for (let at = 0; at < voice.length; at += 160) {
    client.send({
      type: "input_audio_buffer.append",
      audio: Buffer.from(voice.subarray(at, at + 160)).toString("base64"),
    });
  }
  const silence = Buffer.alloc(160, linearToMulaw(0)).toString("base64");
  for (let t = 0; t < silenceMs; t += 20) client.send({ type: "input_audio_buffer.append", audio: silence });
}

describe("grok simulator", () => {
  it("checks the bearer key and can refuse like an overloaded service", async () => {
    expect(await upgradeStatus("wrong")).toBe(401);
    sim.setFault({ mode: "refuse" });
    expect(await upgradeStatus("sim-key")).toBe(503);
  });

  it("greets with at least 2 s of audible µ-law, streamed in 20–40 ms chunks", async () => {
    const client = await connect();
    client.send({ type: "response.create", response: { instructions: "Greet Rose" } });
    const created = await client.next("response.created");
    const added = await client.next("response.output_item.added");
    await clock.advance(3_000);
    const done = await client.next("response.done");
    expect(done.response).toMatchObject({ status: "completed" });
    const itemId = added.item && typeof added.item === "object" && "id" in added.item ? added.item.id : null;
    const deltas = client.of("response.output_audio.delta");
    const bytes = deltas.map((d) => Buffer.from(String(d.delta), "base64"));
    const totalMs = bytes.reduce((sum, b) => sum + b.length / 8, 0);
    expect(totalMs).toBeGreaterThanOrEqual(2000);
    for (const b of bytes) expect(b.length / 8).toBeGreaterThanOrEqual(20);
    for (const b of bytes) expect(b.length / 8).toBeLessThanOrEqual(40);
    expect(
      deltas.every(
        (d) => d.item_id === itemId && JSON.stringify(created.response).includes(String(d.response_id)),
      ),
    ).toBe(true);
    // Audible: far from µ-law silence.
    expect(bytes.some((b) => b.some((x) => x < 0x70))).toBe(true);
    expect(client.of("response.output_audio_transcript.done")[0]?.transcript).toEqual(expect.any(String));
  });

  it("detects caller speech by energy, reports the scripted transcript and replies ≥ 3 s", async () => {
    const client = await connect();
    sim.script([{ transcript: "I planted tulips" }]);
    speak(client, 600, 1_400);
    const started = await client.next("input_audio_buffer.speech_started");
    expect(started).toMatchObject({ item_id: expect.any(String), audio_start_ms: expect.any(Number) });
    await client.next("input_audio_buffer.speech_stopped");
    await client.next("input_audio_buffer.committed");
    const transcript = await client.next("conversation.item.input_audio_transcription.completed");
    expect(transcript.transcript).toBe("I planted tulips");
    await clock.advance(4_000);
    await client.next("response.done");
    expect(sim.sessions()[0]?.responses[0]?.audioMs).toBeGreaterThanOrEqual(3000);
  });

  it("honours cancel, truncate within the audio, and rejects a truncate past its end", async () => {
    const client = await connect();
    client.send({ type: "response.create" });
    const added = await client.next("response.output_item.added");
    const itemId = added.item && typeof added.item === "object" && "id" in added.item ? added.item.id : null;
    await clock.advance(200);
    await client.next("response.output_audio.delta");
    client.send({ type: "response.cancel" });
    const done = await client.next("response.done");
    expect(done.response).toMatchObject({ status: "cancelled" });
    const audioMs = sim.sessions()[0]?.responses[0]?.audioMs ?? 0;
    client.send({ type: "conversation.item.truncate", item_id: itemId, content_index: 0, audio_end_ms: 40 });
    expect(await client.next("conversation.item.truncated")).toMatchObject({
      item_id: itemId,
      audio_end_ms: 40,
    });
    client.send({
      type: "conversation.item.truncate",
      item_id: itemId,
      content_index: 0,
      audio_end_ms: audioMs + 1000,
    });
    const error = await client.next("error");
    expect(error.error).toMatchObject({ code: "invalid_value", param: "audio_end_ms" });
    // 200 ms of a 2.4 s greeting went out; moving past the rest of it sends nothing more.
    const afterCancel = client.of("response.output_audio.delta").length;
    expect(afterCancel).toBe(Math.floor(200 / 36));
    await clock.advance(5_000);
    await client.drained();
    expect(client.of("response.output_audio.delta")).toHaveLength(afterCancel);
    expect(clock.size).toBe(0);
  });

  it("emits a scripted function call and continues after its output", async () => {
    const client = await connect();
    sim.script([
      { onCallerTurn: 1, functionCall: { name: "recall_memory", arguments: { query: "garden" } } },
    ]);
    speak(client, 400, 1_400);
    const call = await client.next("response.function_call_arguments.done");
    expect(call).toMatchObject({
      name: "recall_memory",
      arguments: '{"query":"garden"}',
      call_id: expect.any(String),
    });
    await client.next("response.done");
    client.send({
      type: "conversation.item.create",
      item: { type: "function_call_output", call_id: call.call_id, output: "{}" },
    });
    client.send({ type: "response.create" });
    await client.next("response.created");
    await clock.advance(40);
    await client.next("response.output_audio.delta");
    expect(sim.sessions()[0]?.functionOutputs).toEqual([{ callId: call.call_id, output: "{}" }]);
  });

  it("drops sessions after N ms and stalls audio on request", async () => {
    sim.setFault({ mode: "stall" });
    const client = await connect();
    client.send({ type: "response.create" });
    await client.next("response.created");
    // Past the whole greeting: a stalled response sends no audio at all.
    await clock.advance(3_000);
    client.send({
      type: "conversation.item.truncate",
      item_id: "item_none",
      content_index: 0,
      audio_end_ms: 0,
    });
    await client.next("error");
    expect(client.of("response.output_audio.delta")).toHaveLength(0);
    expect(client.of("response.done")).toHaveLength(0);
    sim.setFault({ mode: "drop", afterMs: 50 });
    const closed = new Promise<void>((resolve) => client.ws.once("close", () => resolve()));
    await clock.advance(49);
    expect(sim.sessions()[0]?.open).toBe(true);
    await clock.advance(1);
    await closed;
    expect(sim.sessions()[0]?.open).toBe(false);
  });

  it("stalls only the sessions open at the time when asked: a fresh session answers", async () => {
    const stuck = await connect();
    sim.setFault({ mode: "stall", only: "open" });
    const fresh = await connect();
    stuck.send({ type: "response.create" });
    fresh.send({ type: "response.create" });
    await stuck.next("response.created");
    await fresh.next("response.created");
    await clock.advance(40);
    await fresh.next("response.output_audio.delta");
    expect(stuck.of("response.output_audio.delta")).toHaveLength(0);
    sim.setFault({ mode: "none" });
    await clock.advance(40);
    await stuck.next("response.output_audio.delta");
  });

  it("sends junk before each audio chunk on request, and the audio still comes", async () => {
    sim.setFault({ mode: "garbage" });
    const client = await connect();
    client.send({ type: "response.create" });
    await client.next("response.output_item.added");
    await clock.advance(40);
    await client.next("response.output_audio.delta");
    expect(client.junk).toContain("{not json");
    expect(client.junk).toContain('{"type":42}');
  });

  it("is scriptable over HTTP", async () => {
    const base = sim.url.replace("ws://", "http://").replace("/v1/realtime", "");
    const ok = await fetch(`${base}/_sim/script`, {
      method: "POST",
      body: JSON.stringify({ cues: [{ transcript: "hello" }] }),
    });
    expect(await ok.json()).toEqual({ queued: 1 });
    const bad = await fetch(`${base}/_sim/fault`, {
      method: "POST",
      body: JSON.stringify({ mode: "explode" }),
    });
    expect(bad.status).toBe(400);
    await fetch(`${base}/_sim/fault`, { method: "POST", body: JSON.stringify({ mode: "refuse" }) });
    expect(await upgradeStatus("sim-key")).toBe(503);
    const sessions = await fetch(`${base}/_sim/sessions`);
    expect(await sessions.json()).toEqual({ sessions: [] });
  });
});

describe("text-only responses (modalities: text)", () => {
  it("answer in text deltas and response.done, with no audio; '{}' before the caller said anything", async () => {
    const client = await connect();
    client.send({ type: "response.create", response: { instructions: "record", modalities: ["text"] } });
    await client.next("response.done");
    expect(client.of("response.output_audio.delta")).toEqual([]);
    expect(
      client
        .of("response.text.delta")
        .map((e) => e.delta)
        .join(""),
    ).toBe("{}");
    expect(sim.sessions()[0]?.responses[0]).toMatchObject({ status: "completed", text: "{}" });
  });

  it("answer with the scripted text reply when one is queued", async () => {
    sim.script([{ textReply: '{"summary":"Scripted","mood":2}' }]);
    const client = await connect();
    client.send({ type: "response.create", response: { modalities: ["text"] } });
    await client.next("response.done");
    expect(
      client
        .of("response.text.delta")
        .map((e) => e.delta)
        .join(""),
    ).toBe('{"summary":"Scripted","mood":2}');
  });
});
