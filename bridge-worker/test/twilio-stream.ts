import { env, SELF } from "cloudflare:test";
import {
  createStreamToken,
  preparePath,
  STREAM_TOKEN_PARAMETER,
  signRequest,
} from "../../functions/_shared/contracts/index.ts";
import {
  connectedMessage,
  markMessage,
  mediaMessage,
  startMessage,
  stopMessage,
} from "../../simulators/twilio/stream/messages.ts";
import { command } from "./peers.ts";
import { twilioUpgradeHeaders } from "./twilio-upgrade.ts";

export const CALL_SID = "CA5555555555555555555555555555aaaa";

type Json = Record<string, unknown>;

/**
 * Twilio's side of the media stream: what it received, and it echoes marks once "played". Its messages come
 * from the Twilio simulator's own builders, numbered as Twilio numbers them.
 */
export async function twilioStream(callSessionId: string, parameters: Record<string, string> = {}) {
  const response = await SELF.fetch(`https://bridge.test/media-stream/${callSessionId}`, {
    headers: await twilioUpgradeHeaders(callSessionId),
  });
  const socket = response.webSocket;
  if (!socket) throw new Error(`no WebSocket: ${response.status}`);
  socket.accept();
  const received: Json[] = [];
  const held: string[] = [];
  let holdMarks = false;
  const ids = { streamSid: "MZ1", callSid: CALL_SID, accountSid: env.TWILIO_ACCOUNT_SID };
  let sequence = 0;
  let chunk = 0;
  const send = (message: unknown) => socket.send(JSON.stringify(message));
  const echo = (name: string) => send(markMessage(++sequence, ids.streamSid, name));
  socket.addEventListener("message", (message) => {
    const event = JSON.parse(String(message.data)) as Json;
    received.push(event);
    if (event.event === "mark") {
      const name = (event.mark as { name: string }).name;
      if (holdMarks) held.push(name);
      else echo(name);
    }
    if (event.event === "clear") {
      // Twilio drops its buffered audio and echoes every pending mark at once.
      for (const name of held.splice(0)) echo(name);
    }
  });
  const token = await createStreamToken(env.STREAM_TOKEN_SECRET, {
    callSessionId,
    callSid: CALL_SID,
    accountSid: env.TWILIO_ACCOUNT_SID,
  });
  send(connectedMessage());
  send(startMessage(++sequence, ids, { ...parameters, [STREAM_TOKEN_PARAMETER]: token }));
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
    stop: () => send(stopMessage(++sequence, ids)),
    says: (text: string) => {
      chunk += 1;
      send(mediaMessage(++sequence, ids.streamSid, chunk, (chunk - 1) * 20, command(text)));
    },
    holdMarks(hold: boolean) {
      holdMarks = hold;
      if (!hold) for (const name of held.splice(0)) echo(name);
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
