/**
 * What a relay built as the public peers are does per message (xAI's Twilio example, Twilio's OpenAI
 * realtime sample): one JSON.parse, one JSON.stringify per send, no marks, no checks. Shared by the plain
 * Node relay (./peer-style-relay.ts) and the workerd one (bridge-worker/bench/floor-relay.ts), so the two
 * differ only in the runtime. The benchmark's Grok stand-in finds the call by the instructions' last word.
 */
export interface PeerRelay {
  fromTwilio(text: string): void;
  fromGrok(text: string): void;
}

export function peerRelay(
  callSessionId: string,
  send: { twilio(text: string): void; grok(text: string): void },
): PeerRelay {
  let streamSid = "";
  let sessionReady = false;
  return {
    fromGrok(text) {
      const message = JSON.parse(text) as { type: string; delta?: string };
      if (message.type === "response.output_audio.delta" && message.delta) {
        send.twilio(JSON.stringify({ event: "media", media: { payload: message.delta }, streamSid }));
      } else if (message.type === "session.created") {
        const session = { instructions: `Benchmark call ${callSessionId}`, voice: "ara" };
        send.grok(JSON.stringify({ type: "session.update", session }));
      } else if (message.type === "session.updated") {
        sessionReady = true;
        send.grok(JSON.stringify({ type: "response.create" }));
      }
    },
    fromTwilio(text) {
      const message = JSON.parse(text) as {
        event: string;
        start?: { streamSid: string };
        media?: { payload: string };
      };
      if (message.event === "start" && message.start) streamSid = message.start.streamSid;
      else if (message.event === "media" && message.media && sessionReady)
        send.grok(JSON.stringify({ type: "input_audio_buffer.append", audio: message.media.payload }));
    },
  };
}
