import { afterEach, describe, expect, it } from "vitest";
import { startTwilioSimulator, type TwilioSimulator } from "../../simulators/twilio/index.ts";
import { provisionTwilioNumber } from "./twilio.ts";

const ACCOUNT_SID = `AC${"c".repeat(32)}`;
const AUTH_TOKEN = "provision-twilio-auth-token";
const NUMBER = "+15555550199";
let sim: TwilioSimulator | undefined;
afterEach(() => sim?.stop());

async function ourNumber(url: string) {
  const response = await fetch(
    `${url}/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json?PhoneNumber=${encodeURIComponent(NUMBER)}`,
    { headers: { authorization: `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}` } },
  );
  return ((await response.json()) as { incoming_phone_numbers: Record<string, unknown>[] })
    .incoming_phone_numbers[0];
}

describe("provision: our Twilio number's webhooks", () => {
  it("a dry run changes nothing; a run sets voice, fallback and status URLs; a second run changes nothing", async () => {
    sim = await startTwilioSimulator({
      port: 0,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      phoneNumber: NUMBER,
      voiceUrl: "http://127.0.0.1:1/old/voice",
      statusCallbackUrl: "http://127.0.0.1:1/old/status",
    });
    const settings = {
      TWILIO_API_BASE_URL: sim.url,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_PHONE_NUMBER: NUMBER,
      FUNCTIONS_PUBLIC_URL: "https://abcdefghijklmnopqrst.supabase.co/functions/v1",
      BRIDGE_PUBLIC_URL: "wss://bridge.ultaura.example",
    };
    const before = await ourNumber(sim.url);
    const lines: string[] = [];
    const dry = await provisionTwilioNumber(settings, { dryRun: true, print: (line) => lines.push(line) });
    expect(dry.changed).toBe(false);
    expect(lines).toEqual([
      `would set ${NUMBER} VoiceUrl to https://abcdefghijklmnopqrst.supabase.co/functions/v1/twilio/voice/inbound`,
      `would set ${NUMBER} VoiceFallbackUrl to https://bridge.ultaura.example/twilio/voice-fallback`,
      `would set ${NUMBER} StatusCallback to https://abcdefghijklmnopqrst.supabase.co/functions/v1/twilio/status`,
    ]);
    expect(await ourNumber(sim.url)).toEqual(before);

    expect((await provisionTwilioNumber(settings, { dryRun: false, print: () => {} })).changed).toBe(true);
    const after = await ourNumber(sim.url);
    expect(after).toMatchObject({
      voice_url: "https://abcdefghijklmnopqrst.supabase.co/functions/v1/twilio/voice/inbound",
      voice_method: "POST",
      voice_fallback_url: "https://bridge.ultaura.example/twilio/voice-fallback",
      voice_fallback_method: "POST",
      status_callback: "https://abcdefghijklmnopqrst.supabase.co/functions/v1/twilio/status",
      status_callback_method: "POST",
    });

    expect(await provisionTwilioNumber(settings, { dryRun: false, print: () => {} })).toEqual({
      changed: false,
      actions: [],
    });
    expect(await ourNumber(sim.url)).toEqual(after);
  });

  it("refuses a number the account does not own, changing nothing", async () => {
    sim = await startTwilioSimulator({
      port: 0,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      phoneNumber: NUMBER,
      voiceUrl: "http://127.0.0.1:1/voice",
      statusCallbackUrl: "http://127.0.0.1:1/status",
    });
    const settings = {
      TWILIO_API_BASE_URL: sim.url,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_PHONE_NUMBER: "+15555550111",
      FUNCTIONS_PUBLIC_URL: "https://x.example/functions/v1",
      BRIDGE_PUBLIC_URL: "wss://bridge.x.example",
    };
    await expect(provisionTwilioNumber(settings, { dryRun: false, print: () => {} })).rejects.toThrow(
      "+15555550111 is not a number of account",
    );
  });
});
