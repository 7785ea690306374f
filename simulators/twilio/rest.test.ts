import twilio from "twilio";
import RequestClient from "twilio/lib/base/RequestClient.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ACCOUNT_SID,
  API_KEY,
  AUTH_TOKEN,
  CALLER,
  type Harness,
  OUR_NUMBER,
  startHarness,
  VOICE_PATH,
} from "./test-support/harness.ts";

const SERVICE = `VA${"b".repeat(32)}`;
const ACCOUNT = `/2010-04-01/Accounts/${ACCOUNT_SID}`;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

/** The official `twilio` client, with Twilio's hosts rewritten to the simulator (an API key when given). */
function officialClient(apiKey?: { user: string; password: string }) {
  class SimulatorClient extends RequestClient {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      const uri = opts.uri.replace(/^https:\/\/(api|verify)\.twilio\.com/, h.sim.url);
      return super.request({ ...opts, uri });
    }
  }
  const httpClient = new SimulatorClient();
  return apiKey
    ? twilio(apiKey.user, apiKey.password, { accountSid: ACCOUNT_SID, httpClient })
    : twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient });
}

describe("Twilio REST auth and errors", () => {
  it.each([
    ["no credentials", ""],
    ["a wrong token", `Basic ${Buffer.from(`${ACCOUNT_SID}:wrong`).toString("base64")}`],
    ["another account", `Basic ${Buffer.from(`AC${"c".repeat(32)}:${AUTH_TOKEN}`).toString("base64")}`],
  ])("answers 401 with Twilio's error JSON for %s", async (_label, auth) => {
    for (const path of [`${ACCOUNT}/Calls.json`, `/v2/Services/${SERVICE}/Verifications`]) {
      const response = await h.rest("POST", path, { To: CALLER }, auth);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Basic realm="Twilio API"');
      expect(await response.json()).toEqual({
        code: 20003,
        message: "Authenticate",
        more_info: "https://www.twilio.com/docs/errors/20003",
        status: 401,
      });
    }
  });

  it("answers 404 (20404) for an unknown call or another account's path", async () => {
    const unknown = await h.rest("GET", `${ACCOUNT}/Calls/CA${"0".repeat(32)}.json`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 20404, status: 404 });
    const other = await h.rest("GET", `/2010-04-01/Accounts/AC${"d".repeat(32)}/Calls.json`);
    expect(other.status).toBe(404);
  });

  it("an injected fault can pick a method: the call's update fails, its read does not", async () => {
    const path = `${ACCOUNT}/Calls/CA${"0".repeat(32)}.json`;
    const control = await fetch(`${h.sim.url}/_sim/faults/rest`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/Calls/CA", method: "POST", status: 503, count: 1 }),
    });
    expect(control.status).toBe(200);
    expect((await h.rest("GET", path)).status).toBe(404);
    const failed = await h.rest("POST", path, { Status: "completed" });
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ code: 20503 });
    // Used up: the next update reaches the (unknown) call.
    expect((await h.rest("POST", path, { Status: "completed" })).status).toBe(404);
  });

  it.each([
    [{ From: OUR_NUMBER, Url: "http://x/y" }, 21201],
    [{ To: CALLER, Url: "http://x/y" }, 21213],
    [{ To: "12345", From: OUR_NUMBER, Url: "http://x/y" }, 21211],
    [{ To: CALLER, From: "+15555550111", Url: "http://x/y" }, 21210],
    [{ To: CALLER, From: OUR_NUMBER }, 21205],
    [{ To: CALLER, From: OUR_NUMBER, Url: "http://x/y", MachineDetection: "Yes" }, 20001],
  ])("refuses to create a call from %j with %i", async (form, code) => {
    const response = await h.rest("POST", `${ACCOUNT}/Calls.json`, form);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code,
      status: 400,
      more_info: expect.stringContaining(String(code)),
    });
  });
});

describe("API-key auth (the bridge Worker's REST credential)", () => {
  it("the official client with an API key hangs up a live call; a wrong key secret is refused", async () => {
    h.functions.routes.set("/out", () => ({ body: '<Response><Pause length="100"/></Response>' }));
    const call = await officialClient().calls.create({
      to: CALLER,
      from: OUR_NUMBER,
      url: `${h.functions.base}/out`,
    });
    await expect(
      officialClient({ user: API_KEY.sid, password: "not-the-secret" })
        .calls(call.sid)
        .update({ status: "completed" }),
    ).rejects.toMatchObject({ status: 401, code: 20003 });
    const withKey = officialClient({ user: API_KEY.sid, password: API_KEY.secret });
    const ended = await withKey.calls(call.sid).update({ status: "completed" });
    expect(ended.status).toBe("completed");
  });

  it("an API key does not open another account's resources", async () => {
    const auth = `Basic ${Buffer.from(`${API_KEY.sid}:${API_KEY.secret}`).toString("base64")}`;
    const other = await h.rest("GET", `/2010-04-01/Accounts/AC${"d".repeat(32)}/Calls.json`, undefined, auth);
    expect(other.status).toBe(404);
  });
});

describe("the official twilio client against the simulator", () => {
  it("creates, fetches and hangs up a call, and sees Twilio's exceptions", async () => {
    h.functions.routes.set("/out", () => ({ body: '<Response><Pause length="100"/></Response>' }));
    const client = officialClient();
    const call = await client.calls.create({ to: CALLER, from: OUR_NUMBER, url: `${h.functions.base}/out` });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.status).toBe("queued");
    const ended = await client.calls(call.sid).update({ status: "completed" });
    expect(ended.status).toBe("completed");
    expect((await client.calls(call.sid).fetch()).status).toBe("completed");
    await expect(client.calls(`CA${"0".repeat(32)}`).fetch()).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
  });

  it("sends an SMS that tests can read back", async () => {
    const message = await officialClient().messages.create({
      to: CALLER,
      from: OUR_NUMBER,
      body: "Your code is 1",
    });
    expect(message).toMatchObject({
      sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      status: "queued",
      to: CALLER,
    });
    expect(h.sim.messages()).toMatchObject([
      { sid: message.sid, to: CALLER, from: OUR_NUMBER, body: "Your code is 1" },
    ]);
    const listed = (await (
      await fetch(`${h.sim.url}/_sim/messages?to=${encodeURIComponent(CALLER)}`)
    ).json()) as {
      messages: unknown[];
    };
    expect(listed.messages).toHaveLength(1);
  });

  it("runs a Verify round trip with the code the simulator exposes", async () => {
    const verify = officialClient().verify.v2.services(SERVICE);
    const sent = await verify.verifications.create({ to: CALLER, channel: "sms" });
    expect(sent).toMatchObject({ status: "pending", to: CALLER, channel: "sms", valid: false });
    const code = h.sim.lastCode(CALLER);
    expect(code).toMatch(/^\d{6}$/);
    const listed = (await (
      await fetch(`${h.sim.url}/_sim/verify/codes?to=${encodeURIComponent(CALLER)}`)
    ).json()) as {
      codes: { code: string; status: string }[];
    };
    expect(listed.codes).toMatchObject([{ code, status: "pending" }]);

    const wrong = code === "000000" ? "111111" : "000000";
    expect(await verify.verificationChecks.create({ to: CALLER, code: wrong })).toMatchObject({
      status: "pending",
      valid: false,
    });
    expect(await verify.verificationChecks.create({ to: CALLER, code: code ?? "" })).toMatchObject({
      status: "approved",
      valid: true,
    });
    await expect(verify.verificationChecks.create({ to: CALLER, code: code ?? "" })).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
    await expect(
      verify.verifications.create({ to: CALLER, channel: "carrier-pigeon" }),
    ).rejects.toMatchObject({
      status: 400,
      code: 60200,
    });
  });

  it("answers 60203 on the sixth send and 60202 on the sixth check", async () => {
    const verify = officialClient().verify.v2.services(SERVICE);
    for (let i = 0; i < 5; i += 1) await verify.verifications.create({ to: CALLER, channel: "call" });
    await expect(verify.verifications.create({ to: CALLER, channel: "sms" })).rejects.toMatchObject({
      code: 60203,
    });
    for (let i = 0; i < 5; i += 1) await verify.verificationChecks.create({ to: CALLER, code: "0000000" });
    await expect(verify.verificationChecks.create({ to: CALLER, code: "0000000" })).rejects.toMatchObject({
      status: 429,
      code: 60202,
    });
  });
});

describe("the /_sim control surface", () => {
  it("places an inbound call over HTTP and answers with its summary when it is over", async () => {
    h.functions.routes.set(VOICE_PATH, () => ({
      body: '<Response><Say>Hi</Say><Pause length="100"/></Response>',
    }));
    const response = await fetch(`${h.sim.url}/_sim/calls/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: CALLER, seconds: 0.3 }),
    });
    const summary = (await response.json()) as Record<string, unknown>;
    expect(summary).toMatchObject({
      status: "completed",
      endedBy: "person",
      endReason: "caller-hangup",
      said: ["Hi"],
    });
    const calls = (await (await fetch(`${h.sim.url}/_sim/calls`)).json()) as { calls: { callSid: string }[] };
    expect(calls.calls.map((c) => c.callSid)).toEqual([summary.callSid]);
    expect((await fetch(`${h.sim.url}/_sim/calls/${summary.callSid}`)).status).toBe(200);
  });

  it("refuses a malformed inbound call request with a JSON error", async () => {
    for (const body of ['{"from":"nope"}', '{"from":"+15555550100","speak":"2-1"}', "{"]) {
      const response = await fetch(`${h.sim.url}/_sim/calls/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_request" } });
    }
  });

  it("configures callees and resets its memory", async () => {
    const set = await fetch(`${h.sim.url}/_sim/callees`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: CALLER, answer: "busy" }),
    });
    expect(set.status).toBe(200);
    await officialClient().messages.create({ to: CALLER, from: OUR_NUMBER, body: "x" });
    expect((await fetch(`${h.sim.url}/_sim/reset`, { method: "POST" })).status).toBe(200);
    expect(h.sim.messages()).toEqual([]);
    expect(h.sim.calls()).toEqual([]);
  });
});
