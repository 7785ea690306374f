import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { twilioSignature, verifyTwilioSignature } from "./signature.ts";

const authToken = "test-twilio-auth-token";
const url = "wss://bridge.example/media-stream/6f1c3c2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f";

describe("Twilio signatures in the Worker", () => {
  it("match the twilio package's own, with and without parameters", async () => {
    expect(await twilioSignature(authToken, url)).toBe(twilio.getExpectedTwilioSignature(authToken, url, {}));
    const params = { To: "+15555550100", CallSid: `CA${"1".repeat(32)}`, From: "+15555550199" };
    expect(await twilioSignature(authToken, url, params)).toBe(
      twilio.getExpectedTwilioSignature(authToken, url, params),
    );
  });

  it("verify the package's signature for the exact URL only", async () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, url, {});
    expect(await verifyTwilioSignature(authToken, url, signature)).toBe(true);
    expect(await verifyTwilioSignature(authToken, `${url}x`, signature)).toBe(false);
    expect(await verifyTwilioSignature(authToken, url.replace("wss:", "ws:"), signature)).toBe(false);
    expect(await verifyTwilioSignature("another-token", url, signature)).toBe(false);
    expect(await verifyTwilioSignature(authToken, url, undefined)).toBe(false);
    expect(await verifyTwilioSignature(authToken, url, "not base64")).toBe(false);
  });
});
