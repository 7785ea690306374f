/**
 * The peer-style relay (bench/peer-style-relay.ts) as a Worker with one Durable Object per call, the shape our
 * bridge has: the Worker routes the media-stream upgrade to the call's object, which accepts a
 * WebSocketPair and opens the Grok socket with fetch. One JSON.parse per message, one JSON.stringify per
 * send, nothing else. Run by the bridge benchmark in workerd beside our Worker: the difference between
 * the two is what our code costs; the difference between this and the Node relay is what the runtime costs.
 */
import { DurableObject } from "cloudflare:workers";

interface FloorEnv {
  RELAY: DurableObjectNamespace<Relay>;
  XAI_REALTIME_URL: string;
}

export class Relay extends DurableObject<FloorEnv> {
  override async fetch(request: Request): Promise<Response> {
    const callSessionId = new URL(request.url).pathname.split("/").pop() ?? "";
    const pair = new WebSocketPair();
    const twilio = pair[1];
    twilio.accept();
    const upgrade = await fetch(this.env.XAI_REALTIME_URL.replace(/^ws/, "http"), {
      headers: { Upgrade: "websocket" },
    });
    const grok = upgrade.webSocket;
    if (!grok) return new Response("no Grok socket", { status: 502 });
    grok.accept();
    let streamSid = "";
    let sessionReady = false;

    grok.addEventListener("message", (event) => {
      const message = JSON.parse(event.data as string) as { type: string; delta?: string };
      if (message.type === "response.output_audio.delta" && message.delta) {
        twilio.send(JSON.stringify({ event: "media", media: { payload: message.delta }, streamSid }));
      } else if (message.type === "session.created") {
        const session = { instructions: `Benchmark call ${callSessionId}`, voice: "ara" };
        grok.send(JSON.stringify({ type: "session.update", session }));
      } else if (message.type === "session.updated") {
        sessionReady = true;
        grok.send(JSON.stringify({ type: "response.create" }));
      }
    });
    twilio.addEventListener("message", (event) => {
      const message = JSON.parse(event.data as string) as {
        event: string;
        start?: { streamSid: string };
        media?: { payload: string };
      };
      if (message.event === "start" && message.start) streamSid = message.start.streamSid;
      else if (message.event === "media" && message.media && sessionReady)
        grok.send(JSON.stringify({ type: "input_audio_buffer.append", audio: message.media.payload }));
    });
    twilio.addEventListener("close", () => grok.close());
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}

export default {
  fetch(request: Request, env: FloorEnv): Promise<Response> {
    const callSessionId = new URL(request.url).pathname.split("/").pop() ?? "";
    return env.RELAY.get(env.RELAY.idFromName(callSessionId)).fetch(request);
  },
};
