import { env } from "cloudflare:test";
import type { CallContext, MinutesStatus } from "../../functions/_shared/contracts/index.ts";

/**
 * The Worker's network peers for whole-call tests, at the network edge: `edge.fetch` replaces the global
 * fetch the Durable Object uses, so nothing leaves workerd.
 * - Grok: an upgrade to XAI_REALTIME_URL gets one end of a WebSocketPair; the other end is a scripted
 *   model. It is reactive — it answers what the Worker sends — and the caller steers it in band: a media
 *   frame whose payload is base64("CMD:…") stands for the caller starting or stopping to speak, which the
 *   Worker forwards to Grok as audio like any other frame.
 * - functions/bridge: JSON answers per contract route; tool calls and summaries recorded.
 * - Twilio REST: live-call updates recorded (form bodies) and answered 200.
 * Everything recorded is plain data, read by the test with `vi.waitFor`.
 */

export const SESSION = () => crypto.randomUUID();
const LINE = "00000000-0000-4000-8000-0000000000a1";
const ACCOUNT = "00000000-0000-4000-8000-0000000000a2";

export function wireContext(callSessionId: string, minutes: MinutesStatus): CallContext {
  return {
    callSessionId,
    lineId: LINE,
    accountId: ACCOUNT,
    direction: "inbound",
    language: "en-US",
    timezone: "America/New_York",
    voice: "ara",
    instructions: "You are Ultaura.",
    tools: [
      {
        type: "function",
        name: "forget_memory",
        description: "Forget a memory",
        parameters: { type: "object", properties: { memoryId: { type: "string" } } },
      },
    ],
    minutes,
    phrases: {
      greeting: "GREET",
      silenceCheck: "SILENCE_CHECK",
      silenceGoodbye: "SILENCE_BYE",
      optOutConfirm: "OPTOUT_CONFIRM",
      optOutGoodbye: "OPTOUT_BYE",
      help: "HELP",
      repeat: "REPEAT",
      lowMinutes: "LOW_MINUTES",
      minutesGoodbye: "MINUTES_BYE",
      toolFiller: "FILLER",
      reconnected: "RECONNECTED",
      resumed: "RESUMED",
    },
    apology: "Sorry, goodbye.",
  };
}

type Json = Record<string, unknown>;

export interface Edge {
  fetch: typeof fetch;
  /** Client events Grok received, parsed. */
  grokReceived: Json[];
  /** Upgrades Grok refused. */
  grokRefusals: number;
  /** Tool calls functions/bridge received: route name and body. */
  toolCalls: { name: string; body: Json }[];
  summaries: Json[];
  /** Form bodies of Twilio REST live-call updates, with the CallSid from the path. */
  twilioUpdates: { callSid: string; form: URLSearchParams }[];
  /** Anything asked of the network that no peer answers (must stay empty). */
  unexpected: string[];
}

export function createEdge(options: {
  context: (callSessionId: string) => unknown;
  /** Grok refuses the upgrade (503) while this says so. */
  grokRefuses?: () => boolean;
  /** A tool's answer; a throw is functions/bridge unreachable, a promise that waits is a slow one. */
  tool?: (name: string, body: Json) => unknown;
}): Edge {
  const edge: Edge = {
    fetch: undefined as unknown as typeof fetch,
    grokReceived: [],
    grokRefusals: 0,
    toolCalls: [],
    summaries: [],
    twilioUpdates: [],
    unexpected: [],
  };
  const functionsBase = `${env.FUNCTIONS_URL.replace(/\/+$/, "")}/bridge/sessions/`;
  const grokBase = env.XAI_REALTIME_URL.replace(/^ws/, "http");
  const twilioCalls = `${env.TWILIO_API_BASE_URL}/2010-04-01/Accounts/${env.TWILIO_ACCOUNT_SID}/Calls/`;

  edge.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = request.url;
    if (url.startsWith(grokBase) && request.headers.get("upgrade") === "websocket") {
      if (options.grokRefuses?.()) {
        edge.grokRefusals += 1;
        return new Response("Service Unavailable", { status: 503 });
      }
      const pair = new WebSocketPair();
      scriptedGrok(pair[1], edge.grokReceived);
      return new Response(null, { status: 101, webSocket: pair[0] });
    }
    if (url.startsWith(functionsBase)) {
      const [sessionId, route, name] = url.slice(functionsBase.length).split("/");
      const body = (await request.json()) as Json;
      switch (route) {
        case "context":
          return Response.json(options.context(sessionId ?? ""));
        case "tools":
          edge.toolCalls.push({ name: name ?? "", body });
          return Response.json((await options.tool?.(name ?? "", body)) ?? { output: { ok: true } });
        case "end":
          edge.summaries.push(body);
          return Response.json({ ok: true });
        case "transcript":
          return Response.json({ hint: null });
        case "events":
        case "opt-out":
          return Response.json({ ok: true });
      }
    }
    if (url.startsWith(twilioCalls) && request.method === "POST") {
      const callSid = url.slice(twilioCalls.length).replace(/\.json$/, "");
      edge.twilioUpdates.push({
        callSid,
        form: new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer())),
      });
      return Response.json({ sid: callSid, status: "completed" });
    }
    edge.unexpected.push(`${request.method} ${url}`);
    throw new TypeError(`network is off in this test: ${request.method} ${url}`);
  }) as typeof fetch;
  return edge;
}

/** One in-band caller command ("start", "stop:<what they said>"), as the bytes of a media frame. */
export function command(text: string): Uint8Array {
  return new TextEncoder().encode(`CMD:${text}`);
}

/** 100 ms of µ-law (0xff is silence); what the model "says". */
const AUDIO = btoa("\xff".repeat(800));

/**
 * A model in the shape of Grok's realtime protocol: configures on session.update, answers response.create
 * with audio, and after the caller stops speaking answers by itself (server VAD) — with a forget_memory
 * call when they asked to forget something, a long open-ended answer when they asked for a story. The
 * caller's in-band `drop`, `garbage` and `stall` make it fail those ways.
 */
function scriptedGrok(socket: WebSocket, received: Json[]): void {
  let responses = 0;
  let open: string | null = null;
  /** The session stalled: it still acknowledges a response, then sends nothing more. */
  let stalled = false;
  const send = (event: Json) => socket.send(JSON.stringify(event));

  function respond(kind: "short" | "long" | "tool"): void {
    const id = `resp_${++responses}`;
    const itemId = `item_${responses}`;
    send({ type: "response.created", response: { id } });
    if (stalled) return;
    if (kind === "tool") {
      const args = JSON.stringify({ memoryId: "m0a1b2c3d" });
      send({
        type: "response.function_call_arguments.done",
        call_id: `call_${responses}`,
        name: "forget_memory",
        arguments: args,
      });
      send({ type: "response.done", response: { id, status: "completed" } });
      return;
    }
    send({ type: "response.output_item.added", response_id: id, item: { id: itemId, type: "message" } });
    const chunks = kind === "long" ? 20 : 3;
    for (let i = 0; i < chunks; i++)
      send({ type: "response.output_audio.delta", response_id: id, item_id: itemId, delta: AUDIO });
    if (kind === "long") {
      open = id;
      return;
    }
    send({ type: "response.output_audio.done", response_id: id, item_id: itemId });
    send({ type: "response.output_audio_transcript.done", item_id: itemId, transcript: "Hello" });
    send({ type: "response.done", response: { id, status: "completed" } });
  }

  socket.accept();
  socket.addEventListener("message", (message) => {
    const event = JSON.parse(String(message.data)) as Json;
    if (event.type !== "input_audio_buffer.append") received.push(event);
    switch (event.type) {
      case "session.update":
        send({ type: "session.updated" });
        return;
      case "response.create":
        respond("short");
        return;
      case "response.cancel":
        if (open) send({ type: "response.done", response: { id: open, status: "cancelled" } });
        open = null;
        return;
      case "input_audio_buffer.append": {
        const text = decodeCommand(String(event.audio));
        if (text === null) return;
        received.push({ type: "caller", text });
        // The model drops mid-call: its socket closes with an error code.
        if (text === "drop") {
          socket.close(1011, "model drop");
          return;
        }
        if (text === "stall") {
          stalled = true;
          return;
        }
        // The model sends garbage: text that is not JSON, JSON that is no event, an event with wrong types.
        if (text === "garbage") {
          for (const junk of [
            "{not json",
            "[1,2,3]",
            '{"type":42}',
            '{"type":"response.output_audio.delta"}',
          ])
            socket.send(junk);
          return;
        }
        if (text === "start") {
          send({
            type: "input_audio_buffer.speech_started",
            item_id: `user_${responses}`,
            audio_start_ms: 0,
          });
          return;
        }
        const said = text.replace(/^stop:/, "");
        send({ type: "input_audio_buffer.speech_stopped", item_id: `user_${responses}` });
        send({
          type: "conversation.item.input_audio_transcription.completed",
          item_id: `user_${responses}`,
          transcript: said,
        });
        respond(said.includes("forget") ? "tool" : said.includes("story") ? "long" : "short");
      }
    }
  });
}

function decodeCommand(audio: string): string | null {
  try {
    const text = atob(audio);
    return text.startsWith("CMD:") ? text.slice(4) : null;
  } catch {
    return null;
  }
}
