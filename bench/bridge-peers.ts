import { createServer, type IncomingMessage, type Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import type { CallContext } from "../functions/_shared/contracts/bridge.ts";
import { monotonicMs, readFrameTags, taggedFrame } from "./frames.ts";

/**
 * The bridge Worker's two network peers, in the benchmark's own process so both ends of every frame are
 * timed on one clock: a functions/bridge stand-in that answers the call context (and acknowledges the
 * rest), and a Grok stand-in that configures the session, times each caller frame it receives (from the
 * send time in its tag), and streams tagged audio deltas back at 50 frames a second.
 */
export interface BridgePeers {
  functionsUrl: string;
  grokUrl: string;
  /** Per call: Twilio→Grok frame latencies (ms) and how many frames arrived. */
  toGrok: Map<number, { latencies: number[]; received: number }>;
  /** Frames each call's Grok stand-in sent, keyed by call index. */
  grokSent: Map<number, number>;
  /** The Sec-WebSocket-Extensions the Worker offered when opening Grok sockets ("" for none). */
  grokOfferedExtensions: Set<string>;
  /** The Twilio side registers each call's session id so the Grok side can tag that call's frames. */
  callBySession: Map<string, number>;
  /** Stops the model audio of one call, so frames still in flight at hang-up do not count as lost. */
  stopModelAudio(call: number): void;
  stop(): Promise<void>;
}

const context = (callSessionId: string): CallContext => ({
  callSessionId,
  lineId: "00000000-0000-4000-8000-000000000001",
  accountId: "00000000-0000-4000-8000-000000000002",
  direction: "inbound",
  language: "en-US",
  timezone: "America/New_York",
  voice: "ara",
  instructions: `Benchmark call ${callSessionId}`,
  tools: [],
  minutes: { secondsRemaining: null, planKind: "paid", hardCutoff: false },
  phrases: {
    greeting: "greet",
    silenceCheck: "check",
    silenceGoodbye: "bye",
    optOutConfirm: "confirm",
    optOutGoodbye: "bye",
    help: "help",
    repeat: "repeat",
    lowMinutes: "low",
    minutesGoodbye: "bye",
    toolFiller: "moment",
    reconnected: "RECONNECTED",
    resumed: "RESUMED",
  },
  apology: "Sorry.",
});

export async function startBridgePeers(): Promise<BridgePeers> {
  const toGrok = new Map<number, { latencies: number[]; received: number }>();
  const grokSent = new Map<number, number>();
  const callBySession = new Map<string, number>();
  const stoppers = new Map<number, () => void>();

  const functions = createServer((req, res) => {
    const match = /\/bridge\/sessions\/([^/]+)\/(\w[\w-]*)/.exec(req.url ?? "");
    req.resume();
    res.setHeader("content-type", "application/json");
    if (match?.[2] === "context") res.end(JSON.stringify(context(match[1] as string)));
    else res.end(JSON.stringify({ ok: true, hint: null }));
  });

  const grokHttp = createServer();
  const grok = new WebSocketServer({ server: grokHttp });
  const grokOfferedExtensions = new Set<string>();
  grok.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    grokOfferedExtensions.add(request.headers["sec-websocket-extensions"] ?? "");
    let call = -1;
    let seq = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    const stats = { latencies: [] as number[], received: 0 };
    socket.send(JSON.stringify({ type: "session.created" }));
    socket.on("message", (data) => {
      const text = String(data);
      const audioAt = text.indexOf('"audio":"');
      if (text.includes('"input_audio_buffer.append"') && audioAt > 0) {
        const audio = text.slice(audioAt + 9, text.indexOf('"', audioAt + 9));
        const now = monotonicMs();
        // One frame per append unless the bridge batches them: then every frame in it counts and is timed.
        for (const tag of readFrameTags(audio)) {
          stats.latencies.push(now - tag.sentAtMs);
          stats.received++;
        }
        return;
      }
      const event = JSON.parse(text) as { type: string; session?: { instructions?: string } };
      const type = event.type;
      if (type === "session.update") {
        const sessionId = event.session?.instructions?.split(" ").pop() ?? "";
        call = callBySession.get(sessionId) ?? -1;
        toGrok.set(call, stats);
        stoppers.set(call, () => clearInterval(timer));
        socket.send(JSON.stringify({ type: "session.updated" }));
      }
      if (type === "response.create" && !timer) {
        const response = `resp_${call}`;
        const item = `item_${call}`;
        socket.send(JSON.stringify({ type: "response.created", response: { id: response } }));
        socket.send(
          JSON.stringify({
            type: "response.output_item.added",
            response_id: response,
            item: { id: item, type: "message" },
          }),
        );
        timer = setInterval(() => {
          const delta = taggedFrame(call, seq++);
          grokSent.set(call, seq);
          socket.send(
            `{"type":"response.output_audio.delta","response_id":"${response}","item_id":"${item}","delta":"${delta}"}`,
          );
        }, 20);
      }
    });
    socket.on("close", () => clearInterval(timer));
  });

  const listen = (server: Server) =>
    new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : 0);
      }),
    );
  const functionsPort = await listen(functions);
  const grokPort = await listen(grokHttp);
  return {
    functionsUrl: `http://127.0.0.1:${functionsPort}/functions/v1`,
    grokUrl: `ws://127.0.0.1:${grokPort}/v1/realtime`,
    toGrok,
    grokSent,
    grokOfferedExtensions,
    callBySession,
    stopModelAudio: (call) => stoppers.get(call)?.(),
    stop: async () => {
      for (const client of grok.clients) client.terminate();
      await new Promise((resolve) => grok.close(resolve));
      // workerd keeps its fetch connections alive; closing them lets the servers stop at once.
      grokHttp.closeAllConnections();
      functions.closeAllConnections();
      await new Promise((resolve) => grokHttp.close(resolve));
      await new Promise((resolve) => functions.close(resolve));
    },
  };
}
