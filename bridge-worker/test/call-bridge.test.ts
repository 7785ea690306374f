import { env, fetchMock, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CallBridge } from "../src/call-bridge.ts";

const accountSid = env.TWILIO_ACCOUNT_SID;
const callSid = "CA11111111111111111111111111111111";

beforeAll(() => {
  fetchMock.activate();
  fetchMock.disableNetConnect();
});
afterEach(() => fetchMock.assertNoPendingInterceptors());

describe("CallBridge alarm backstop", () => {
  it("hangs up through Twilio when the hard minute limit passed and the object lost its call", async () => {
    const bridgeObject = env.CALL_BRIDGE.get(env.CALL_BRIDGE.idFromName(crypto.randomUUID()));
    await runInDurableObject(bridgeObject, async (_bridge: CallBridge, state) => {
      await state.storage.put("call", { callSessionId: "s1", callSid });
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    let body = "";
    fetchMock
      .get("http://127.0.0.1:4010")
      .intercept({ path: `/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`, method: "POST" })
      .reply(200, (request) => {
        body = String(request.body);
        return { sid: callSid, status: "completed", to: "+1", from: "+1" };
      });
    expect(await runDurableObjectAlarm(bridgeObject)).toBe(true);
    expect(new URLSearchParams(body).get("Status")).toBe("completed");
    await runInDurableObject(bridgeObject, async (_bridge: CallBridge, state) => {
      expect(await state.storage.get("call")).toBeUndefined();
    });
  });

  it("does nothing when no call was ever persisted", async () => {
    const bridgeObject = env.CALL_BRIDGE.get(env.CALL_BRIDGE.idFromName(crypto.randomUUID()));
    await runInDurableObject(bridgeObject, async (_bridge: CallBridge, state) => {
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    expect(await runDurableObjectAlarm(bridgeObject)).toBe(true);
  });
});
