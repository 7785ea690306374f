import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ACCOUNT_SID,
  CALLER,
  type Harness,
  OUR_NUMBER,
  startHarness,
  VOICE_PATH,
} from "./test-support/harness.ts";

const NUMBERS = `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers`;
const MOVED = "/functions/v1/twilio/voice/inbound-moved";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.stop());

describe("IncomingPhoneNumbers", () => {
  it("lists our number, updates its voice URL, and the next inbound call goes there", async () => {
    const listed = (await (
      await h.rest("GET", `${NUMBERS}.json?PhoneNumber=${encodeURIComponent(OUR_NUMBER)}`)
    ).json()) as {
      incoming_phone_numbers: { sid: string; voice_url: string; status_callback_method: string }[];
    };
    const number = listed.incoming_phone_numbers[0];
    expect(number?.voice_url).toBe(h.functions.base + VOICE_PATH);
    expect(number?.status_callback_method).toBe("POST");

    const updated = await h.rest("POST", `${NUMBERS}/${number?.sid}.json`, {
      VoiceUrl: h.functions.base + MOVED,
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ voice_url: h.functions.base + MOVED, voice_method: "POST" });

    h.functions.routes.set(MOVED, () => ({ body: "<Response><Hangup/></Response>" }));
    await h.sim.placeInboundCall({ from: CALLER });
    expect(h.functions.received[0]).toMatchObject({ path: MOVED, signatureValid: true });
  });

  it("refuses a malformed URL and an unknown number, changing nothing", async () => {
    const listed = (await (await h.rest("GET", `${NUMBERS}.json`)).json()) as {
      incoming_phone_numbers: { sid: string }[];
    };
    const sid = listed.incoming_phone_numbers[0]?.sid;
    const bad = await h.rest("POST", `${NUMBERS}/${sid}.json`, { VoiceUrl: "not a url" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 21502 });
    const unknown = await h.rest("POST", `${NUMBERS}/PN${"0".repeat(32)}.json`, {
      VoiceUrl: "https://x.example/voice",
    });
    expect(unknown.status).toBe(404);
    const none = (await (await h.rest("GET", `${NUMBERS}.json?PhoneNumber=%2B15555550111`)).json()) as {
      incoming_phone_numbers: unknown[];
    };
    expect(none.incoming_phone_numbers).toEqual([]);
    const after = (await (await h.rest("GET", `${NUMBERS}/${sid}.json`)).json()) as { voice_url: string };
    expect(after.voice_url).toBe(h.functions.base + VOICE_PATH);
  });
});
