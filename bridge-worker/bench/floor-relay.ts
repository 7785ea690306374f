/**
 * The peer-style relay (bench/peer-relay-core.ts) as a Worker with one Durable Object per call, the shape
 * our bridge has: the Worker routes the media-stream upgrade to the call's object, which accepts a
 * WebSocketPair and opens the Grok socket with fetch. Run by the bridge benchmark in workerd beside our
 * Worker: the difference between the two is what our code costs; the difference between this and the
 * Node relay is what the runtime costs.
 */
import { DurableObject } from "cloudflare:workers";
import { peerRelay } from "../../bench/peer-relay-core.ts";

interface FloorEnv {
  RELAY: DurableObjectNamespace<Relay>;
  XAI_REALTIME_URL: string;
}

export class Relay extends DurableObject<FloorEnv> {
  override async fetch(request: Request): Promise<Response> {
    const pair = new WebSocketPair();
    const twilio = pair[1];
    twilio.accept();
    const upgrade = await fetch(this.env.XAI_REALTIME_URL.replace(/^ws/, "http"), {
      headers: { Upgrade: "websocket" },
    });
    const grok = upgrade.webSocket;
    if (!grok) return new Response("no Grok socket", { status: 502 });
    grok.accept();
    const relay = peerRelay(new URL(request.url).pathname.split("/").pop() ?? "", {
      twilio: (text) => twilio.send(text),
      grok: (text) => grok.send(text),
    });
    grok.addEventListener("message", (event) => relay.fromGrok(event.data as string));
    twilio.addEventListener("message", (event) => relay.fromTwilio(event.data as string));
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
