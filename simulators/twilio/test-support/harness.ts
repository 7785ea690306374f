import { FAKE_TWILIO } from "../../../tests/support/test-env.ts";
import { twilioSimulatorOptions } from "../../../tests/support/twilio-simulator.ts";
import type { TwilioSimulatorOptions } from "../options.ts";
import { startTwilioSimulator, type TwilioSimulator } from "../server.ts";
import { type FakeBridge, type FakeFunctions, startFakeBridge, startFakeFunctions } from "./fake-product.ts";

export const ACCOUNT_SID = FAKE_TWILIO.accountSid;
export const AUTH_TOKEN = FAKE_TWILIO.authToken;
export const OUR_NUMBER = FAKE_TWILIO.phoneNumber;
/** An API key the simulator accepts for REST, as the bridge Worker authenticates. */
export const API_KEY = FAKE_TWILIO.apiKey;
export const CALLER = "+15555550100";
export const VOICE_PATH = "/functions/v1/twilio/voice/inbound";
export const STATUS_PATH = "/functions/v1/twilio/status";
export const FALLBACK_PATH = "/functions/v1/twilio/voice/fallback";

export interface Harness {
  sim: TwilioSimulator;
  functions: FakeFunctions;
  bridge: FakeBridge;
  /** A Twilio REST call with form parameters and Basic auth (override `auth` to test refusals). */
  rest(
    method: "GET" | "POST",
    path: string,
    form?: Record<string, string | string[]>,
    auth?: string,
  ): Promise<Response>;
  stop(): Promise<void>;
}

/** `options` override the harness's (e.g. a `scheduler` the test moves, with `timeScale: 1`). */
export async function startHarness(options: Partial<TwilioSimulatorOptions> = {}): Promise<Harness> {
  const functions = await startFakeFunctions(AUTH_TOKEN);
  const bridge = await startFakeBridge();
  const sim = await startTwilioSimulator(
    twilioSimulatorOptions({
      voiceUrl: functions.base + VOICE_PATH,
      statusCallbackUrl: functions.base + STATUS_PATH,
      fallbackUrl: functions.base + FALLBACK_PATH,
      timeScale: 0.01,
      callsPerSecond: 100,
      ...options,
    }),
  );
  const basic = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`;
  return {
    sim,
    functions,
    bridge,
    rest: (method, path, form, auth = basic) => {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(form ?? {})) {
        for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
      }
      return fetch(sim.url + path, {
        method,
        headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
        ...(method === "POST" ? { body } : {}),
      });
    },
    stop: async () => {
      await sim.stop();
      await bridge.close();
      await functions.close();
    },
  };
}

export function streamTwiml(streamUrl: string, after = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="${streamUrl}"><Parameter name="token" value="tok-1"/></Stream></Connect>${after}</Response>`;
}

export function mediaFrom(streamSid: unknown, bytes: number, value = 0x7f) {
  return { event: "media", streamSid, media: { payload: Buffer.alloc(bytes, value).toString("base64") } };
}
