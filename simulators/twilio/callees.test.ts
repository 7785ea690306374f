import { afterEach, beforeEach, expect, it } from "vitest";
import { ACCOUNT_SID, type Harness, OUR_NUMBER, STATUS_PATH, startHarness } from "./test-support/harness.ts";

const CALLS = `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls`;
const OUTBOUND_PATH = "/functions/v1/twilio/voice/outbound/scripted";
const CALLEE = "+15555550124";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.functions.routes.set(OUTBOUND_PATH, () => ({ body: "<Response><Say>Hello.</Say><Hangup/></Response>" }));
});
afterEach(async () => {
  await h.stop();
});

async function callAndWait() {
  const response = await h.rest("POST", `${CALLS}.json`, {
    To: CALLEE,
    From: OUR_NUMBER,
    Url: h.functions.base + OUTBOUND_PATH,
    StatusCallback: h.functions.base + STATUS_PATH,
  });
  expect(response.status).toBe(201);
  const { sid } = (await response.json()) as { sid: string };
  return h.sim.waitForCall(sid);
}

it("plays a scripted callee over /_sim/callees: rings out, rejects, then answers — and keeps answering", async () => {
  const set = await fetch(`${h.sim.url}/_sim/callees`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      to: CALLEE,
      script: [{ answer: "no-answer", ringMs: 50 }, { answer: "reject" }, { answer: "answer", seconds: 1 }],
    }),
  });
  expect(set.status).toBe(200);
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await callAndWait()).status);
  expect(statuses).toEqual(["no-answer", "busy", "completed", "completed"]);
});

it("refuses an unknown answer with a 400", async () => {
  const response = await fetch(`${h.sim.url}/_sim/callees`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ to: CALLEE, answer: "maybe" }),
  });
  expect(response.status).toBe(400);
});
