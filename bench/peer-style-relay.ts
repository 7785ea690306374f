/**
 * A reference relay built the way the public Twilio ↔ realtime-model bridges are (xAI's Twilio example,
 * Twilio's OpenAI realtime sample): plain Node with `ws`, one JSON.parse per message, one JSON.stringify
 * per send, no marks, no signature or token checks, no reducer. Run as its own process by the bridge
 * benchmark so its CPU can be read beside the Worker's under the very same load, on the same machine at
 * the same time: the figure our bridge is held to. Written for the benchmark from the peers' per-frame
 * behaviour; none of their code is used.
 *
 * argv: the Grok stand-in's URL. Prints `listening <port>` once ready.
 */
import { createServer } from "node:http";
import { WebSocket, WebSocketServer } from "ws";

const grokUrl = process.argv[2];
if (!grokUrl) throw new Error("usage: peer-style-relay.ts <grok websocket url>");

const server = createServer((_req, res) => res.end("ok"));
const twilioServer = new WebSocketServer({ server });

twilioServer.on("connection", (twilio, request) => {
  const callSessionId = request.url?.split("/").pop() ?? "";
  let streamSid = "";
  let sessionReady = false;
  const grok = new WebSocket(grokUrl);

  grok.on("message", (data) => {
    const message = JSON.parse(String(data)) as { type: string; delta?: string };
    if (message.type === "response.output_audio.delta" && message.delta) {
      twilio.send(JSON.stringify({ event: "media", media: { payload: message.delta }, streamSid }));
    } else if (message.type === "session.created") {
      // The benchmark's Grok stand-in finds the call by the last word of the instructions.
      const session = { instructions: `Benchmark call ${callSessionId}`, voice: "ara" };
      grok.send(JSON.stringify({ type: "session.update", session }));
    } else if (message.type === "session.updated") {
      sessionReady = true;
      grok.send(JSON.stringify({ type: "response.create" }));
    }
  });

  twilio.on("message", (data) => {
    const message = JSON.parse(String(data)) as {
      event: string;
      start?: { streamSid: string };
      media?: { payload: string };
    };
    if (message.event === "start" && message.start) streamSid = message.start.streamSid;
    else if (message.event === "media" && message.media && sessionReady && grok.readyState === WebSocket.OPEN)
      grok.send(JSON.stringify({ type: "input_audio_buffer.append", audio: message.media.payload }));
  });

  twilio.on("close", () => grok.close());
  grok.on("error", () => twilio.close());
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
