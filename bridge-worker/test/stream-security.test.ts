import { env, runInDurableObject, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createStreamToken,
  mediaStreamUrl,
  STREAM_TOKEN_PARAMETER,
} from "../../functions/_shared/contracts/index.ts";
import { startMessage } from "../../simulators/twilio/stream/messages.ts";
import { DEFAULT_CONFIG } from "../src/call/index.ts";
import type { CallBridge } from "../src/call-bridge.ts";
import { twilioSignature } from "../src/twilio/signature.ts";
import { createEdge, SESSION, wireContext } from "./peers.ts";
import { twilioUpgradeHeaders } from "./twilio-upgrade.ts";

/**
 * The media stream's defences in workerd: the stream token is bound to the call's CallSid (and account),
 * and a call takes exactly one `start`. functions/bridge, Grok and Twilio REST are replaced at the network
 * edge (./peers.ts); the test records the context requests and the call events the Worker reports.
 */
const CALL_SID = `CA${"7".repeat(32)}`;
const OTHER_CALL_SID = `CA${"8".repeat(32)}`;
const waitLong = { timeout: 15_000, interval: 20 };

afterEach(() => {
  vi.unstubAllGlobals();
});

type Json = Record<string, unknown>;

/** The network edge, also recording context requests and reported call events. */
function recordingEdge() {
  const edge = createEdge({
    context: (id) => wireContext(id, { secondsRemaining: null, planKind: "paid", hardCutoff: false }),
  });
  const contexts: string[] = [];
  const events: string[] = [];
  const base = `${env.FUNCTIONS_URL.replace(/\/+$/, "")}/bridge/sessions/`;
  const inner = edge.fetch;
  const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.startsWith(base)) {
      const route = request.url.slice(base.length).split("/")[1];
      if (route === "context") contexts.push(request.url);
      if (route === "events") events.push(String(((await request.clone().json()) as Json).event));
    }
    return inner(request);
  }) as typeof fetch;
  vi.stubGlobal("fetch", recording);
  return { edge, contexts, events };
}

async function openStream(callSessionId: string) {
  const response = await SELF.fetch(`https://bridge.test/media-stream/${callSessionId}`, {
    headers: await twilioUpgradeHeaders(callSessionId),
  });
  const socket = response.webSocket;
  if (!socket) throw new Error(`no WebSocket: ${response.status}`);
  socket.accept();
  const closed = new Promise<number>((resolve) => socket.addEventListener("close", (e) => resolve(e.code)));
  let isClosed = false;
  void closed.then(() => {
    isClosed = true;
  });
  const start = (streamSid: string, callSid: string, token: string) =>
    socket.send(
      JSON.stringify(
        startMessage(
          1,
          { streamSid, callSid, accountSid: env.TWILIO_ACCOUNT_SID },
          { [STREAM_TOKEN_PARAMETER]: token },
        ),
      ),
    );
  return { socket, start, closed, isClosed: () => isClosed };
}

const tokenFor = (callSessionId: string, callSid: string) =>
  createStreamToken(env.STREAM_TOKEN_SECRET, {
    callSessionId,
    callSid,
    accountSid: env.TWILIO_ACCOUNT_SID,
  });

describe("the media stream's start", () => {
  it("refuses a token used with another CallSid: the stream is closed and the call's context never asked for", async () => {
    const session = SESSION();
    const { contexts, events, edge } = recordingEdge();
    const stream = await openStream(session);
    stream.start("MZ1", OTHER_CALL_SID, await tokenFor(session, CALL_SID));
    await vi.waitFor(() => expect(stream.isClosed()).toBe(true), waitLong);
    await vi.waitFor(() => expect(events).toContain("invalid_token"), waitLong);
    expect(contexts).toEqual([]);
    await runInDurableObject(callBridge(session), async (_bridge: CallBridge, state) => {
      expect(await state.storage.get("call")).toBeUndefined();
    });
    expect(edge.unexpected).toEqual([]);
  });

  it("ignores a second start on a live call: the call stays bound to the first CallSid", async () => {
    const session = SESSION();
    const { contexts, events, edge } = recordingEdge();
    const stream = await openStream(session);
    stream.start("MZ1", CALL_SID, await tokenFor(session, CALL_SID));
    await vi.waitFor(() => expect(contexts).toHaveLength(1), waitLong);
    await vi.waitFor(
      () => expect(edge.grokReceived.some((e) => e.type === "response.create")).toBe(true),
      waitLong,
    );
    // Even with a token that is valid for the other CallSid, the later start changes nothing.
    stream.start("MZ2", OTHER_CALL_SID, await tokenFor(session, OTHER_CALL_SID));
    await vi.waitFor(() => expect(events).toContain("second_stream_ignored"), waitLong);
    await runInDurableObject(callBridge(session), async (_bridge: CallBridge, state) => {
      expect(await state.storage.get("call")).toMatchObject({ callSessionId: session, callSid: CALL_SID });
    });
    expect(stream.isClosed()).toBe(false);
    expect(contexts).toHaveLength(1);
    stream.socket.close(1000, "test over");
  });
});

describe("the media-stream upgrade", () => {
  it("is refused without Twilio's signature over the configured wss:// URL", async () => {
    const session = SESSION();
    const upgrade = (headers: Record<string, string>) =>
      SELF.fetch(`https://bridge.test/media-stream/${session}`, {
        headers: { Upgrade: "websocket", ...headers },
      });
    const refused = [
      await upgrade({}),
      // Signed for another call's stream.
      await upgrade({
        "X-Twilio-Signature": (await twilioUpgradeHeaders(SESSION()))["X-Twilio-Signature"] ?? "",
      }),
      // Signed over the URL as the Host header shows it, not as our TwiML gave it.
      await upgrade({
        "X-Twilio-Signature": await twilioSignature(
          env.TWILIO_AUTH_TOKEN,
          `wss://bridge.test/media-stream/${session}`,
        ),
      }),
      // Signed with another auth token.
      await upgrade({
        "X-Twilio-Signature": await twilioSignature(
          "another-auth-token",
          mediaStreamUrl(env.BRIDGE_PUBLIC_URL, session),
        ),
      }),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect(response.webSocket).toBeNull();
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    const signed = await upgrade(await twilioUpgradeHeaders(session));
    expect(signed.status).toBe(101);
    signed.webSocket?.accept();
    signed.webSocket?.close(1000, "test over");
  });

  it("closes a socket that sends nothing by the start deadline", async () => {
    const session = SESSION();
    const { events } = recordingEdge();
    // The deadline is the reducer's timer (tested to the millisecond in Node); here only that the shell
    // performs it, on a fake clock: the Durable Object runs in this isolate, so its setTimeout is faked
    // too. The clock moves inside the object, where its sockets may be used.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const stream = await openStream(session);
      expect(DEFAULT_CONFIG.startDeadlineMs).toBeLessThanOrEqual(5_000);
      await runInDurableObject(callBridge(session), () => {
        vi.advanceTimersByTime(DEFAULT_CONFIG.startDeadlineMs);
      });
      expect(await stream.closed).toBe(1008);
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(() => expect(events).toContain("stream_without_start_closed"), waitLong);
  });

  it("caps the events one call can post, however many bad starts it is sent", async () => {
    const session = SESSION();
    const { events } = recordingEdge();
    for (let i = 0; i < DEFAULT_CONFIG.maxRecordedEvents + 5; i++) {
      const stream = await openStream(session);
      stream.start("MZ1", CALL_SID, "1.bad");
      await stream.closed;
    }
    await vi.waitFor(() => expect(events.length).toBe(DEFAULT_CONFIG.maxRecordedEvents), waitLong);
    expect(events.every((event) => event === "invalid_token")).toBe(true);
    await runInDurableObject(callBridge(session), async (bridge: CallBridge) => {
      await bridge.settled();
    });
    expect(events.length).toBe(DEFAULT_CONFIG.maxRecordedEvents);
  }, 30_000);
});

function callBridge(callSessionId: string) {
  return env.CALL_BRIDGE.get(env.CALL_BRIDGE.idFromName(callSessionId));
}
