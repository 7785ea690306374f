import type { TimerId } from "../../scheduler.ts";
import type { CallerScript } from "../stream/caller-script.ts";
import { MediaStreamSession } from "../stream/client.ts";
import type { StreamCloser } from "../stream/summary.ts";
import type { StreamNoun, TwimlVerb } from "../twiml/verbs.ts";
import type { CallInit, CarrierConfig } from "./call-init.ts";
import { asyncAmdParams, callParams } from "./call-params.ts";
import { StatusCallbacks } from "./callbacks.ts";
import { type DocumentSource, type LoadedDocument, loadDocument, resolveUrl } from "./documents.ts";
import { type Interrupt, Interrupts } from "./interrupts.ts";
import { scriptFor } from "./party.ts";
import { answeredByFor, type CallStatus, callDurationSeconds, canTransition } from "./status.ts";
import { type CallSummary, type EndedBy, type EndReason, newCallSummary } from "./summary.ts";
import { sendWebhook } from "./webhook.ts";

type CarrierCloser = Exclude<StreamCloser, "server" | "error">;

/** ~150 words a minute. */
const SAY_MS_PER_CHAR = 65;
const DEFAULT_RING_MS = 100;

/** One call through the simulated carrier: ringing, the voice webhook, the TwiML it returns, the end. */
export class Call {
  readonly summary: CallSummary;
  readonly callbacks: StatusCallbacks;
  readonly finished: Promise<CallSummary>;
  /** Settles the moment the call reaches a final status, before its last callbacks are delivered. */
  readonly ended: Promise<void>;
  private markEnded: () => void = () => {};
  startTime: Date | null = null;
  endTime: Date | null = null;
  updatedAt = new Date();
  private answeredAt: number | null = null;
  private readonly interrupts: Interrupts;
  private stream: MediaStreamSession | undefined;
  private readonly script: CallerScript;
  private readonly timers: TimerId[] = [];
  private readonly background: Promise<unknown>[] = [];

  constructor(
    readonly init: CallInit,
    private readonly config: CarrierConfig,
  ) {
    this.interrupts = new Interrupts(config.scheduler);
    this.script = scriptFor(init.party);
    const answeredBy = init.machineDetection
      ? answeredByFor(init.machineDetection, init.party.kind ?? "human")
      : null;
    this.summary = newCallSummary(init, answeredBy);
    this.callbacks = new StatusCallbacks({
      url: init.statusCallback.url,
      events: init.statusCallback.events,
      authToken: config.authToken,
      timeoutMs: config.webhookTimeoutMs,
      log: (line) => this.log(line),
    });
    this.summary.statusCallbacks = this.callbacks.deliveries;
    this.ended = new Promise((resolve) => {
      this.markEnded = resolve;
    });
    this.finished = this.run();
  }

  get status(): CallStatus {
    return this.summary.status;
  }

  /** REST `Status=completed|canceled`: cancels a call that is not answered yet, hangs up one that is. */
  hangUp(): void {
    this.interruptWith({ kind: "end", endedBy: "server", reason: "rest-hangup" }, "rest-hangup");
  }

  /** REST `Twiml=` / `Url=` on a live call: stops the current verb (and stream) and follows the new TwiML. */
  redirect(document: DocumentSource): boolean {
    if (this.status !== "in-progress") return false;
    return this.interruptWith({ kind: "redirect", document }, "redirect");
  }

  private async run(): Promise<CallSummary> {
    try {
      await this.connectAndFollow();
    } catch (error) {
      this.log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
      if (this.status !== "in-progress") this.finish("failed");
    }
    if (this.status === "in-progress") this.finish("completed");
    await Promise.allSettled(this.background);
    await this.callbacks.drain();
    this.log(`ended: ${this.status}, ${this.summary.durationSeconds}s, ${this.summary.endReason}`);
    return this.summary;
  }

  private async connectAndFollow(): Promise<void> {
    let document: LoadedDocument;
    if (this.init.direction === "outbound-api") {
      await this.interrupts.wait(this.init.queuedMs ?? 0);
      if (this.cancelledWhile()) return;
      this.setStatus("initiated");
      this.setStatus("ringing");
      await this.interrupts.wait((this.init.party.ringMs ?? DEFAULT_RING_MS) * this.config.timeScale);
      if (this.cancelledWhile()) return;
      const answer = this.init.party.answer ?? "answer";
      if (answer !== "answer") {
        this.recordEnd("person", "not-answered");
        this.finish(answer);
        return;
      }
      this.answer();
      document = await this.load(this.init.document);
    } else {
      // Twilio asks the voice URL while the inbound call is still ringing, then answers by executing it.
      document = await this.load(this.init.document);
      if (this.cancelledWhile()) return;
      this.answer();
    }
    for (let next: LoadedDocument | null = document; next; ) next = await this.follow(next);
  }

  private async follow(document: LoadedDocument): Promise<LoadedDocument | null> {
    for (const verb of document.verbs) {
      if (this.interrupts.current) break;
      const next = await this.execute(verb, document);
      if (next !== undefined) return next;
    }
    const redirect = this.interrupts.takeRedirect();
    if (redirect) return this.load(redirect);
    if (!this.interrupts.current) {
      if (document.applicationError) this.recordEnd("carrier", "application-error");
      else this.recordEnd("server", "twiml-exhausted");
    }
    return null;
  }

  /** Runs one verb; returns the next document to follow, null to end the call, undefined to go on. */
  private async execute(
    verb: TwimlVerb,
    document: LoadedDocument,
  ): Promise<LoadedDocument | null | undefined> {
    const base = document.url;
    switch (verb.verb) {
      case "Say": {
        this.summary.said.push(verb.text);
        const spoken = { text: verb.text, startMs: Math.round(this.callMs()), endMs: 0 };
        this.summary.spoken.push(spoken);
        await this.interrupts.wait(
          Math.max(500, verb.text.length * SAY_MS_PER_CHAR) * verb.loop * this.config.timeScale,
        );
        spoken.endMs = Math.round(this.callMs());
        return undefined;
      }
      case "Pause":
        await this.interrupts.wait(verb.length * 1000 * this.config.timeScale);
        return undefined;
      case "Hangup":
        if (document.applicationError) this.recordEnd("carrier", "application-error");
        else this.recordEnd("server", "hangup-verb");
        return null;
      case "Redirect":
        return this.load({
          kind: "url",
          source: "redirect",
          url: resolveUrl(verb.url, base),
          method: verb.method,
        });
      case "Connect":
        await this.runStream(verb.stream);
        if (this.interrupts.current || !verb.action) return undefined;
        return this.load({
          kind: "url",
          source: "connect-action",
          url: resolveUrl(verb.action, base),
          method: verb.method,
        });
    }
  }

  private async runStream(noun: StreamNoun): Promise<void> {
    const session = new MediaStreamSession(noun, {
      accountSid: this.config.accountSid,
      authToken: this.config.authToken,
      callSid: this.init.sid,
      script: this.script,
      callClock: () => this.callMs(),
      scheduler: this.config.scheduler,
      log: (line) => this.log(line),
    });
    this.stream = session;
    this.summary.streams.push(session.summary);
    const result = await session.run();
    this.stream = undefined;
    this.summary.firstAudioLatencyMs ??= result.firstAudioLatencyMs;
  }

  private load(source: DocumentSource): Promise<LoadedDocument> {
    return loadDocument(source, {
      authToken: this.config.authToken,
      timeoutMs: this.config.webhookTimeoutMs,
      params: () => this.params(this.status),
      onWebhook: ({ body: _body, ...outcome }) => {
        this.summary.webhooks.push(outcome);
        this.log(
          `${outcome.method} ${outcome.url} → ${outcome.error ?? outcome.httpStatus} (${outcome.ms} ms)`,
        );
      },
      onTwiml: (record) => this.summary.twiml.push(record),
    });
  }

  private answer(): void {
    this.answeredAt = this.now();
    this.startTime = new Date();
    this.setStatus("in-progress");
    const hangUpAfter = this.script.hangUpAfterMs;
    if (hangUpAfter !== undefined) {
      this.timer(hangUpAfter, () =>
        this.interruptWith({ kind: "end", endedBy: "person", reason: "caller-hangup" }, "caller"),
      );
    }
    this.timer(this.config.maxCallMs, () =>
      this.interruptWith({ kind: "end", endedBy: "carrier", reason: "time-limit" }, "carrier"),
    );
    if (this.init.asyncAmdCallback && this.summary.answeredBy) this.sendAsyncAmd(this.init.asyncAmdCallback);
  }

  private sendAsyncAmd(url: string): void {
    const params = asyncAmdParams(
      this.config.accountSid,
      this.init.sid,
      this.summary.answeredBy ?? "unknown",
    );
    const sent = sendWebhook(
      { url, method: "POST", params },
      this.config.authToken,
      this.config.webhookTimeoutMs,
    );
    this.background.push(sent.then(({ body: _body, ...outcome }) => this.summary.webhooks.push(outcome)));
  }

  /** Twilio's standard request parameters for this call. */
  params(status: CallStatus): Record<string, string> {
    const answeredBy = this.init.asyncAmdCallback ? null : this.summary.answeredBy;
    return callParams(this.config.accountSid, this.init, status, answeredBy);
  }

  private interruptWith(interrupt: Interrupt, closer: CarrierCloser): boolean {
    if (this.endTime || !this.interrupts.raise(interrupt)) return false;
    if (interrupt.kind === "end") this.recordEnd(interrupt.endedBy, interrupt.reason);
    this.stream?.end(closer);
    return true;
  }

  /** After a wait before answer: true (and the call is over) when it was hung up meanwhile. */
  private cancelledWhile(): boolean {
    if (!this.interrupts.ending) return false;
    this.finish("canceled");
    return true;
  }

  private recordEnd(endedBy: EndedBy, reason: EndReason): void {
    this.summary.endedBy ??= endedBy;
    this.summary.endReason ??= reason;
  }

  private setStatus(status: CallStatus): void {
    if (!canTransition(this.status, status)) throw new Error(`call status ${this.status} → ${status}`);
    this.summary.status = status;
    this.updatedAt = new Date();
    this.callbacks.notify(status, this.params(status));
  }

  private finish(status: CallStatus): void {
    if (this.endTime) return;
    for (const timer of this.timers) this.config.scheduler.clear(timer);
    this.summary.durationSeconds = callDurationSeconds(this.answeredAt, this.now());
    this.endTime = new Date();
    if (!canTransition(this.status, status)) throw new Error(`call status ${this.status} → ${status}`);
    this.summary.status = status;
    this.updatedAt = this.endTime;
    this.callbacks.notify(status, {
      ...this.params(status),
      CallDuration: String(this.summary.durationSeconds),
    });
    this.markEnded();
  }

  private timer(ms: number, run: () => void): void {
    this.timers.push(this.config.scheduler.setTimeout(run, ms));
  }

  private now(): number {
    return this.config.scheduler.now();
  }

  /** Milliseconds since the call was answered (0 before). */
  private callMs(): number {
    return this.now() - (this.answeredAt ?? this.now());
  }

  private log(line: string): void {
    this.config.log(`[${this.init.sid.slice(0, 10)}…] ${line}`);
  }
}
