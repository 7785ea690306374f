import { DurableObject } from "cloudflare:workers";
import {
  isSessionId,
  maskPhoneNumbers,
  type PrepareRequest,
  verifyStreamToken,
} from "../../functions/_shared/contracts/index.ts";
import {
  type BridgeRequest,
  type CallAction,
  type CallEvent,
  type CallSnapshot,
  type CallState,
  initialState,
  lostState,
  step,
} from "./call/index.ts";
import { type BridgeConfig, bridgeConfig } from "./env.ts";
import { connectGrok, describeFailure } from "./grok/client.ts";
import { encodeClientEvent, parseGrokEvent } from "./grok/codec.ts";
import { type BridgeClient, createBridgeClient } from "./shell/bridge-client.ts";
import { requestBridge } from "./shell/bridge-replies.ts";
import { type Connection, Connections } from "./shell/connections.ts";
import { NamedTimers } from "./shell/timers.ts";
import { parseTwilioMessage, twilioClear, twilioMark, twilioMedia } from "./twilio/codec.ts";
import { createTwilioCalls, TwilioCallError } from "./twilio/rest.ts";

const NO_WORK: readonly Promise<void>[] = Object.freeze([]);

/**
 * One object per call, named by the call session id. It only wires sockets, timers, storage and fetches to
 * the pure reducer `step` (./call/) and performs the actions it returns: every decision about the call is
 * made there. Work an action starts off the audio path is kept as a promise until it (and whatever it
 * dispatched in turn) settles, so the alarm handler and tests can wait for it.
 */
export class CallBridge extends DurableObject<Env> {
  private call: CallState | null = null;
  private readonly sockets = new Connections();
  private readonly timers = new NamedTimers((name) => this.dispatch({ type: "timer", name }));
  private ended = new AbortController();
  private bridge: BridgeClient | null = null;
  private readonly pending = new Set<Promise<void>>();

  /**
   * The warm start functions/twilio asks for with its prepare request (RPC from the Worker's fetch handler,
   * after it checked the signature, path and body). The signature binds this object's path, so its nonce is
   * remembered here: a replayed prepare request is refused.
   */
  async warmStart(request: PrepareRequest, nonce: string): Promise<"accepted" | "replayed"> {
    const key = `prepare-nonce:${nonce}`;
    if (await this.ctx.storage.get<boolean>(key)) return "replayed";
    await this.ctx.storage.put(key, true);
    await this.ensureCall(request.callSessionId);
    const apology = request.apology ? { text: request.apology, language: request.language ?? null } : null;
    this.dispatch({ type: "warmStart", apology });
    return "accepted";
  }

  /** Twilio's media stream (a WebSocket upgrade routed here by the Worker). */
  override async fetch(request: Request): Promise<Response> {
    const callSessionId = new URL(request.url).pathname.split("/").pop() ?? "";
    if (!isSessionId(callSessionId))
      return Response.json({ error: { code: "not_found", message: "No such route." } }, { status: 404 });
    await this.ensureCall(callSessionId);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    server.accept();
    const { conn } = this.sockets.arrive(server);
    this.dispatch({ type: "twilio.connected", conn });
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Backstop for the hard minute limit: the reducer decides; a lost call is rebuilt from storage first. */
  override async alarm(): Promise<void> {
    if (!this.call) {
      const persisted = await this.ctx.storage.get<CallSnapshot>("call");
      if (!persisted) return;
      this.call = lostState(persisted);
    }
    await this.dispatchAndWait({ type: "alarm" });
  }

  /**
   * Resets this object as a deploy does (memory and sockets gone, storage kept). Only the test stack's
   * control route calls it (./test-controls.ts, off unless `BRIDGE_TEST_CONTROLS` is "on").
   */
  async reset(): Promise<void> {
    this.ctx.abort("reset by the test controls");
  }

  /** Resolves once all work started by actions so far (and what it dispatched in turn) has settled. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  private config(): BridgeConfig {
    return bridgeConfig(this.env);
  }

  /**
   * Makes the call's state if memory has none, and offers the reducer what storage kept of the call (an
   * earlier stream's, or this object's before a reset) before a warm start or a stream is handed over.
   */
  private async ensureCall(callSessionId: string): Promise<void> {
    if (!this.call) {
      const config = this.config();
      this.call = initialState({ callSessionId });
      this.bridge = createBridgeClient(config.FUNCTIONS_URL, config.BRIDGE_REQUEST_SECRET, callSessionId);
    }
    const snapshot = await this.ctx.storage.get<CallSnapshot>("call");
    if (snapshot?.turns && snapshot.callSessionId === callSessionId)
      this.dispatch({ type: "restore", snapshot });
  }

  /** The stream the reducer accepted: its messages and its close go to the reducer from now on. */
  private listenToStream(stream: Connection): void {
    const socket = stream.socket;
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") return;
      const message = parseTwilioMessage(event.data);
      // Text that is no message the bridge knows is dropped (./twilio/codec.ts).
      if (message) this.dispatch({ type: "twilio", message });
    });
    socket.addEventListener("close", () => {
      if (this.sockets.closed(stream)) this.dispatch({ type: "socket.closed", socket: "twilio" });
    });
    socket.addEventListener("error", () => this.fault("warn", "twilio_socket_error", {}));
  }

  /** Steps the reducer and performs its actions; returns the work they started off the audio path. */
  private dispatch(event: CallEvent): readonly Promise<void>[] {
    if (!this.call) return NO_WORK;
    const { state, actions } = step(this.call, event, Date.now);
    this.call = state;
    // Media frames start no work: no array is allocated for them.
    let started: Promise<void>[] | null = null;
    for (const action of actions) {
      const work = this.perform(action);
      if (!work) continue;
      if (started === null) started = [];
      started.push(this.track(work));
    }
    return started ?? NO_WORK;
  }

  private async dispatchAndWait(event: CallEvent): Promise<void> {
    await Promise.all(this.dispatch(event));
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work.catch((error) => this.fault("error", "action_failed", { error: String(error) }));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
    return tracked;
  }

  private perform(action: CallAction): Promise<void> | undefined {
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
        this.sockets.close(this.sockets.stream, 1000, "call ended");
        return;
      case "twilio.accept": {
        const stream = this.sockets.accept(action.conn);
        if (stream) this.listenToStream(stream);
        return;
      }
      case "twilio.refuse":
        this.sockets.close(this.sockets.get("twilio", action.conn), 1008, action.reason);
        return;
      case "twilio.hangup":
        return this.hangUp(action);
      case "grok.connect":
        return this.openGrok(action.conn);
      case "grok.send": {
        const session = this.sockets.get("grok", action.conn);
        if (session) this.sendOn(session, encodeClientEvent(action.event));
        return;
      }
      case "grok.close":
        this.sockets.close(this.sockets.get("grok", action.conn), 1000, "done");
        return;
      case "grok.abandon":
        this.ended.abort();
        return;
      case "timer.set":
        this.timers.set(action.name, action.ms);
        return;
      case "timer.cancel":
        this.timers.cancel(action.name);
        return;
      case "timer.cancelAll":
        this.timers.cancelAll();
        return;
      case "call.persist":
        return this.ctx.storage.put<CallSnapshot>("call", action.snapshot);
      case "call.forget":
        return this.ctx.storage.delete("call").then(() => undefined);
      case "alarm.set":
        return this.ctx.storage.setAlarm(action.at);
      case "alarm.cancel":
        return this.ctx.storage.deleteAlarm();
      case "token.verify":
        return this.verifyToken(action);
      case "bridge":
        return this.callBridge(action.request);
      case "log":
        this.log(action.level, action.event, action.data);
        return "record" in action && action.record ? this.record(action) : undefined;
    }
  }

  private sendTwilio(text: string): void {
    const stream = this.sockets.stream;
    if (stream) this.sendOn(stream, text);
  }

  /**
   * Sends unless the socket has closed meanwhile (its close event, which tells the reducer, not yet
   * handled). Cheaper per frame than asking `readyState` first, a getter into the runtime on every send;
   * it is asked only when a send fails, to tell a closed socket from a real failure.
   */
  private sendOn(connection: Connection, text: string): void {
    try {
      connection.socket.send(text);
    } catch (error) {
      if (connection.socket.readyState === WebSocket.OPEN)
        this.fault("warn", "socket_send_failed", { socket: connection.role, error: String(error) });
    }
  }

  private async verifyToken(action: Extract<CallAction, { type: "token.verify" }>): Promise<void> {
    const callSessionId = this.call?.callSessionId ?? "";
    const secret = this.config().STREAM_TOKEN_SECRET;
    const { callSid, accountSid } = action;
    const binding = { callSessionId, callSid, accountSid };
    const check = await verifyStreamToken(secret, binding, action.token ?? undefined);
    await this.dispatchAndWait(
      check.ok ? { type: "token.verified" } : { type: "token.rejected", reason: check.reason },
    );
  }

  private async callBridge(request: BridgeRequest): Promise<void> {
    if (!this.bridge) return;
    const outcome = await requestBridge(this.bridge, request);
    if (outcome === null) return;
    if ("event" in outcome) await this.dispatchAndWait(outcome.event);
    else this.fault("warn", outcome.failure, { error: outcome.error });
  }

  private async openGrok(conn: number): Promise<void> {
    // A call carried on after its stream broke connects again after `grok.abandon`.
    if (this.ended.signal.aborted) this.ended = new AbortController();
    const config = this.config();
    const url = new URL(config.XAI_REALTIME_URL);
    url.searchParams.set("model", config.XAI_MODEL);
    const result = await connectGrok({
      url: url.toString(),
      apiKey: config.XAI_API_KEY,
      fetch: (target, init) => fetch(target, init),
      signal: this.ended.signal,
    });
    if (!result.ok) {
      await this.dispatchAndWait({ type: "grok.failed", conn, ...describeFailure(result.failure) });
      return;
    }
    const socket = result.socket;
    const session = this.sockets.add("grok", conn, socket);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") return;
      const parsed = parseGrokEvent(event.data);
      // Events the bridge does not act on (pings, content parts, unknown types) parse to null and are dropped.
      if (parsed) this.dispatch({ type: "grok", conn, event: parsed });
    });
    socket.addEventListener("close", () => {
      if (this.sockets.closed(session)) this.dispatch({ type: "socket.closed", socket: "grok", conn });
    });
    socket.addEventListener("error", () => this.fault("warn", "grok_socket_error", { conn }));
    await this.dispatchAndWait({ type: "grok.opened", conn });
  }

  /** One hang-up attempt through Twilio's REST API; a failure goes back to the reducer, which may retry. */
  private async hangUp(action: Extract<CallAction, { type: "twilio.hangup" }>): Promise<void> {
    const config = this.config();
    const calls = createTwilioCalls({
      accountSid: config.TWILIO_ACCOUNT_SID,
      apiKeySid: config.TWILIO_API_KEY_SID,
      apiKeySecret: config.TWILIO_API_KEY_SECRET,
      apiBaseUrl: config.TWILIO_API_BASE_URL,
    });
    try {
      if (action.say === null) await calls.hangUp(action.callSid);
      else await calls.sayThenHangUp(action.callSid, action.say, action.language);
    } catch (error) {
      this.fault("warn", "twilio_hangup_failed", { attempt: action.attempt, error: String(error) });
      const transient = error instanceof TwilioCallError ? error.transient : true;
      const { attempt, say, language } = action;
      await this.dispatchAndWait({ type: "hangup.failed", attempt, transient, say, language });
    }
  }

  /**
   * A failure met here: the reducer logs it and decides whether it is recorded as a call event (the post
   * runs off the audio path, tracked like any other work).
   */
  private fault(level: "warn" | "error", event: string, data: Record<string, unknown>): void {
    this.dispatch({ type: "fault", level, event, data });
  }

  /** Operational log, with the call session id; debug entries are dropped. */
  private log(
    level: "debug" | "info" | "warn" | "error",
    event: string,
    data: Record<string, unknown> = {},
  ): void {
    if (level === "debug") return;
    console.log(
      maskPhoneNumbers(JSON.stringify({ level, event, callSessionId: this.call?.callSessionId, ...data })),
    );
  }

  /** Posts a log entry the reducer chose to record to functions/bridge; a failed post is only logged. */
  private async record(entry: Extract<CallAction, { type: "log"; level: "warn" | "error" }>): Promise<void> {
    if (!this.bridge) return;
    const { event, level, data = {} } = entry;
    try {
      await this.bridge.event({ event, level, data });
    } catch (error) {
      this.log("warn", "event_post_failed", { error: String(error) });
    }
  }
}
