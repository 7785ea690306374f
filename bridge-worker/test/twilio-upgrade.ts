import { env } from "cloudflare:test";
import { mediaStreamUrl } from "../../functions/_shared/contracts/index.ts";
import { twilioSignature } from "../src/twilio/signature.ts";

/**
 * The headers of a media-stream upgrade as Twilio sends it: `X-Twilio-Signature` over the stream's public
 * `wss://` URL (from the configured origin) with no parameters. The signer is checked against the twilio
 * package's own in src/twilio/signature.test.ts.
 */
export async function twilioUpgradeHeaders(callSessionId: string): Promise<Record<string, string>> {
  const url = mediaStreamUrl(env.BRIDGE_PUBLIC_URL, callSessionId);
  return { Upgrade: "websocket", "X-Twilio-Signature": await twilioSignature(env.TWILIO_AUTH_TOKEN, url) };
}
