/**
 * A reference relay built the way the public Twilio ↔ realtime-model bridges are (./peer-relay-core.ts),
 * in plain Node with `ws`. Run as its own process by the bridge benchmark so its CPU can be read beside the
 * Worker's under the very same load, on the same machine at the same time: the figure our bridge is held
 * to. Written for the benchmark from the peers' per-frame behaviour; none of their code is used.
 *
 * argv: the Grok stand-in's URL. Prints `listening <port>` once ready.
 */
import { createServer } from "node:http";
import { WebSocket, WebSocketServer } from "ws";
import { peerRelay } from "./peer-relay-core.ts";

const grokUrl = process.argv[2];
if (!grokUrl) throw new Error("usage: peer-style-relay.ts <grok websocket url>");

const server = createServer((_req, res) => res.end("ok"));
const twilioServer = new WebSocketServer({ server });

twilioServer.on("connection", (twilio, request) => {
  const grok = new WebSocket(grokUrl);
  const relay = peerRelay(request.url?.split("/").pop() ?? "", {
    twilio: (text) => twilio.send(text),
    grok: (text) => {
      if (grok.readyState === WebSocket.OPEN) grok.send(text);
    },
  });
  grok.on("message", (data) => relay.fromGrok(String(data)));
  twilio.on("message", (data) => relay.fromTwilio(String(data)));
  twilio.on("close", () => grok.close());
  grok.on("error", () => twilio.close());
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
