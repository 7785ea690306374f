import { DurableObject } from "cloudflare:workers";
import { createTwilioRest } from "../../functions/_shared/adapters/twilio-rest.ts";
import { sayThenHangUp } from "../../functions/_shared/calls/twiml.ts";
import { verifyStreamToken } from "../../functions/_shared/signing/stream-token.ts";
import { type CallAction, type CallEvent, type CallState, initialState, step } from "./call/index.ts";
import type { BridgeRequest } from "./call/types.ts";
import type { Env } from "./env.ts";
import { connectGrok, describeFailure } from "./grok/client.ts";
import { encodeClientEvent } from "./grok/client-events.ts";
import { parseGrokEvent } from "./grok/events.ts";
import { type BridgeClient, createBridgeClient } from "./shell/bridge-client.ts";
import { requestBridge } from "./shell/bridge-replies.ts";
import { NamedTimers } from "./shell/timers.ts";
import { parseTwilioMessage, twilioClear, twilioMark, twilioMedia } from "./twilio/codec.ts";

/** After the hard minute deadline, how long the alarm backstop waits for the in-memory path to have ended the call. */
const BACKSTOP_GRACE_MS = 30_000;

interface PersistedCall {
  callSessionId: string;
  callSid: string;
}

/**
 * One object per call, named by the call session id. It only wires sockets, timers and fetches to the
 * pure reducer `step` (./call/): every decision about the call is made there.
 */
export class CallBridge extends DurableObject<Env> {
  private call: CallState | null = null;
  private twilio: WebSocket | null = null;
  private readonly grokSockets = new Map<number, WebSocket>();
  private readonly closedByUs = new WeakSet<WebSocket>();
  private readonly timers = new NamedTimers((name) => this.dispatch({ type: "timer", name }));
  private readonly ended = new AbortController();
  private bridge: BridgeClient | null = null;
  private contextLoading = false;

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/prepare" && request.method === "POST") {
      const { callSessionId } = (await request.json()) as { callSessionId?: unknown };
      if (typeof callSessionId !== "string")
        return Response.json({ error: { code: "bad_request", message: "No call." } }, { status: 400 });
      this.ensureCall(callSessionId);
      this.loadContext();
      return Response.json({ ok: true }, { status: 202 });
    }
    const match = /^\/media-stream\/([0-9a-f-]{36})$/i.exec(url.pathname);
    if (!match)
      return Response.json({ error: { code: "not_found", message: "No such route." } }, { status: 404 });
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    server.accept();
    if (this.twilio || this.call?.phase === "ended") {
      // Twilio opens one stream per call; a second one (or one after the end) gets nothing.
      server.close(1008, "stream already handled");
    } else {
      this.ensureCall(match[1] as string);
      this.attachTwilio(server);
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Backstop for the hard minute limit, in case the object lost its in-memory call (e.g. was restarted). */
  override async alarm(): Promise<void> {
    if (this.call && this.call.phase !== "ended") return;
    const persisted = await this.ctx.storage.get<PersistedCall>("call");
    if (!persisted || this.call) return;
    this.log("warn", "alarm_backstop_hangup", { callSessionId: persisted.callSessionId });
    await this.twilioRest()
      .hangUp(persisted.callSid)
      .catch((error) => this.log("error", "backstop_hangup_failed", { error: String(error) }));
    await this.ctx.storage.deleteAll();
  }

  private ensureCall(callSessionId: string): void {
    if (this.call) return;
    this.call = initialState({ callSessionId });
    this.bridge = createBridgeClient(this.env.FUNCTIONS_URL, this.env.BRIDGE_SHARED_SECRET, callSessionId);
  }

  private attachTwilio(socket: WebSocket): void {
    this.twilio = socket;
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") return;
      const message = parseTwilioMessage(event.data);
      if (message) this.dispatch({ type: "twilio", message });
      else this.log("debug", "twilio_message_ignored");
    });
    socket.addEventListener("close", () => {
      if (this.twilio === socket) this.twilio = null;
      if (!this.closedByUs.has(socket)) this.dispatch({ type: "socket.closed", socket: "twilio" });
    });
    socket.addEventListener("error", () => this.log("warn", "twilio_socket_error"));
  }

  private dispatch(event: CallEvent): void {
    if (!this.call) return;
    const { state, actions } = step(this.call, event, Date.now());
    const wasVerified = this.call.stream?.verified === true;
    this.call = state;
    for (const action of actions) this.perform(action);
    if (!wasVerified && state.stream?.verified) void this.persist(state.callSessionId, state.stream.callSid);
  }

  private perform(action: CallAction): void {
    switch (action.type) {
      case "twilio.media":
        this.sendTwilio(twilioMedia(action.streamSid, action.payload));
        return;
      case "twilio.mark":
        this.sendTwilio(twilioMark(action.streamSid, action.name));
        return;
      case "twilio.clear":
        this.sendTwilio(twilioClear(action.streamSid));
        return;
      case "twilio.close":
        if (this.twilio) this.closeSocket(this.twilio, "call ended");
        this.twilio = null;
        return;
      case "twilio.hangup":
        void this.hangUp(action.callSid, action.say, action.language);
        return;
      case "grok.connect":
        void this.openGrok(action.conn);
        return;
      case "grok.send": {
        const socket = this.grokSockets.get(action.conn);
        if (socket?.readyState === WebSocket.OPEN) socket.send(encodeClientEvent(action.event));
        return;
      }
      case "grok.close": {
        const socket = this.grokSockets.get(action.conn);
        if (socket) this.closeSocket(socket, "done");
        this.grokSockets.delete(action.conn);
        return;
      }
      case "timer.set":
        this.timers.set(action.name, action.ms);
        if (action.name === "minutesOut") void this.setBackstop(action.ms);
        return;
      case "timer.cancel":
        this.timers.cancel(action.name);
        return;
      case "timer.cancelAll":
        this.timers.cancelAll();
        return;
      case "token.verify":
        void this.verifyToken(action.token);
        return;
      case "bridge":
        void this.callBridge(action.request);
        return;
      case "log":
        this.log(action.level, action.event, action.data);
        return;
    }
  }

  private sendTwilio(text: string): void {
    if (this.twilio?.readyState === WebSocket.OPEN) this.twilio.send(text);
  }

  private closeSocket(socket: WebSocket, reason: string): void {
    this.closedByUs.add(socket);
    try {
      socket.close(1000, reason);
    } catch {
      // Already closed.
    }
  }

  private async verifyToken(token: string | null): Promise<void> {
    const callSessionId = this.call?.callSessionId ?? "";
    const check = await verifyStreamToken(this.env.BRIDGE_SHARED_SECRET, callSessionId, token ?? undefined);
    this.dispatch(check.ok ? { type: "token.verified" } : { type: "token.rejected", reason: check.reason });
  }

  private loadContext(): void {
    if (this.contextLoading || this.call?.context || !this.bridge) return;
    this.contextLoading = true;
    this.bridge
      .context()
      .then((context) => this.dispatch({ type: "context.loaded", context }))
      .catch((error) => this.dispatch({ type: "context.failed", message: String(error) }))
      .finally(() => {
        this.contextLoading = false;
      });
  }

  private async callBridge(request: BridgeRequest): Promise<void> {
    const bridge = this.bridge;
    if (!bridge) return;
    if (request.kind === "context") return this.loadContext();
    if (request.kind === "end") return this.endCall(bridge, request.summary);
    const outcome = await requestBridge(bridge, request);
    if ("event" in outcome) this.dispatch(outcome.event);
    else this.log("warn", outcome.failure, { error: outcome.error });
  }

  /** The summary is posted exactly once (the reducer emits it once); a failed post is retried once. */
  private async endCall(bridge: BridgeClient, summary: Parameters<BridgeClient["end"]>[0]): Promise<void> {
    this.ended.abort();
    for (const [conn, socket] of this.grokSockets) {
      this.closeSocket(socket, "call ended");
      this.grokSockets.delete(conn);
    }
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await bridge.end(summary);
        return;
      } catch (error) {
        this.log("warn", "end_post_failed", { attempt, error: String(error) });
      }
    }
  }

  private async openGrok(conn: number): Promise<void> {
    const url = new URL(this.env.XAI_REALTIME_URL);
    url.searchParams.set("model", this.env.XAI_MODEL);
    const result = await connectGrok({
      url: url.toString(),
      apiKey: this.env.XAI_API_KEY,
      fetch: (target, init) => fetch(target, init),
      signal: this.ended.signal,
    });
    if (!result.ok) {
      this.dispatch({ type: "grok.failed", conn, ...describeFailure(result.failure) });
      return;
    }
    const socket = result.socket;
    this.grokSockets.set(conn, socket);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") return;
      const parsed = parseGrokEvent(event.data);
      if (parsed) this.dispatch({ type: "grok", conn, event: parsed });
      else this.log("debug", "grok_event_ignored");
    });
    socket.addEventListener("close", () => {
      this.grokSockets.delete(conn);
      if (!this.closedByUs.has(socket)) this.dispatch({ type: "socket.closed", socket: "grok", conn });
    });
    socket.addEventListener("error", () => this.log("warn", "grok_socket_error", { conn }));
    this.dispatch({ type: "grok.opened", conn });
  }

  private twilioRest() {
    return createTwilioRest({
      accountSid: this.env.TWILIO_ACCOUNT_SID,
      authToken: this.env.TWILIO_AUTH_TOKEN,
      apiBaseUrl: this.env.TWILIO_API_BASE_URL,
    });
  }

  /** Hanging up through Twilio's REST API: plain completion, or speak first (the apology) then hang up. */
  private async hangUp(callSid: string, say: string | null, language: string | null): Promise<void> {
    const rest = this.twilioRest();
    try {
      if (say === null) await rest.hangUp(callSid);
      else await rest.updateTwiml(callSid, sayThenHangUp([say], language ? { language } : {}));
    } catch (error) {
      this.log("warn", "twilio_hangup_failed", { error: String(error) });
    }
  }

  private async persist(callSessionId: string, callSid: string): Promise<void> {
    await this.ctx.storage.put<PersistedCall>("call", { callSessionId, callSid });
  }

  private async setBackstop(ms: number): Promise<void> {
    await this.ctx.storage.setAlarm(Date.now() + ms + BACKSTOP_GRACE_MS);
  }

  /** Operational log; warnings and errors also go into the call's record, off the audio path. */
  private log(
    level: "debug" | "info" | "warn" | "error",
    event: string,
    data: Record<string, unknown> = {},
  ): void {
    if (level === "debug") return;
    console.log(JSON.stringify({ level, event, callSessionId: this.call?.callSessionId, ...data }));
    if (level === "warn" || level === "error") {
      this.bridge?.event({ event, level, data }).catch((error) => {
        console.log(JSON.stringify({ level: "warn", event: "event_post_failed", error: String(error) }));
      });
    }
  }
}
