import { env, SELF } from "cloudflare:test";
import {
  createStreamToken,
  preparePath,
  STREAM_TOKEN_PARAMETER,
  signRequest,
} from "../../functions/_shared/contracts/index.ts";
import { command } from "./peers.ts";
import { twilioUpgradeHeaders } from "./twilio-upgrade.ts";

export const CALL_SID = "CA5555555555555555555555555555aaaa";

type Json = Record<string, unknown>;

/** Twilio's side of the media stream: what it received, and it echoes marks once "played". */
/**
 * `mintedSecondsAgo`: when functions/twilio minted the stream's token. Tokens are accepted once, so a test
 * of a reconnect mints the first stream's a second earlier (a real reconnect takes Twilio longer than that).
 */
export async function twilioStream(
  callSessionId: string,
  parameters: Record<string, string> = {},
  mintedSecondsAgo = 0,
) {
  const response = await SELF.fetch(`https://bridge.test/media-stream/${callSessionId}`, {
    headers: await twilioUpgradeHeaders(callSessionId),
  });
  const socket = response.webSocket;
  if (!socket) throw new Error(`no WebSocket: ${response.status}`);
  socket.accept();
  const received: Json[] = [];
  const held: string[] = [];
  let holdMarks = false;
  socket.addEventListener("message", (message) => {
    const event = JSON.parse(String(message.data)) as Json;
    received.push(event);
    const streamSid = "MZ1";
    if (event.event === "mark") {
      const name = (event.mark as { name: string }).name;
      if (holdMarks) held.push(name);
      else socket.send(JSON.stringify({ event: "mark", streamSid, mark: { name } }));
    }
    if (event.event === "clear") {
      // Twilio drops its buffered audio and echoes every pending mark at once.
      for (const name of held.splice(0))
        socket.send(JSON.stringify({ event: "mark", streamSid, mark: { name } }));
    }
  });
  const token = await createStreamToken(
    env.STREAM_TOKEN_SECRET,
    { callSessionId, callSid: CALL_SID, accountSid: env.TWILIO_ACCOUNT_SID },
    Math.floor(Date.now() / 1000) - mintedSecondsAgo,
  );
  socket.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
  socket.send(
    JSON.stringify({
      event: "start",
      streamSid: "MZ1",
      start: {
        streamSid: "MZ1",
        callSid: CALL_SID,
        accountSid: env.TWILIO_ACCOUNT_SID,
        customParameters: { ...parameters, [STREAM_TOKEN_PARAMETER]: token },
        mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      },
    }),
  );
  let closed = false;
  socket.addEventListener("close", () => {
    closed = true;
  });
  return {
    received,
    isClosed: () => closed,
    /** The stream breaks without a `stop` (a network fault on Twilio's side). */
    drop: () => socket.close(1011, "stream lost"),
    /** Twilio's `stop`: the caller hung up. */
    stop: () => socket.send(JSON.stringify({ event: "stop", streamSid: "MZ1", stop: { callSid: CALL_SID } })),
    says: (text: string) =>
      socket.send(
        JSON.stringify({
          event: "media",
          streamSid: "MZ1",
          media: { track: "inbound", payload: command(text) },
        }),
      ),
    holdMarks(hold: boolean) {
      holdMarks = hold;
      if (!hold)
        for (const name of held.splice(0))
          socket.send(JSON.stringify({ event: "mark", streamSid: "MZ1", mark: { name } }));
    },
    count: (kind: string) => received.filter((event) => event.event === kind).length,
  };
}

/** functions/twilio's warm start of the call's object (a signed prepare request). */
export async function prepare(callSessionId: string, extra: Record<string, string> = {}): Promise<Response> {
  const body = JSON.stringify({ callSessionId, ...extra });
  return SELF.fetch(`https://bridge.test${preparePath(callSessionId)}`, {
    method: "POST",
    body,
    headers: await signRequest(env.PREPARE_SIGNING_SECRET, "prepare", {
      method: "POST",
      path: preparePath(callSessionId),
      body,
    }),
  });
}
