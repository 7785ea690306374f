import { expect, inject, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { eventually, phoneNumber, seededUserToken } from "../support/kit.ts";

/**
 * Issue 21 on the running stack: the owner repoints Rose's line to a relative's phone, verifies it with the
 * code the Twilio simulator sent there, and presses "Call now"; the Twilio simulator answers, the Worker
 * opens the model session, and what the Grok simulator was sent (`session.update`'s instructions) holds no
 * private memory or health note. Back on Rose's number, verified again, her note is there.
 */
const { urls } = inject("stack");
const grokControl = urls.grokRealtime.replace(/^ws/, "http").replace(/\/v1\/realtime$/, "");
// Claimed for the run: a fixed number could be one another test drew and verified on its own family's line.
const RELATIVE = phoneNumber();

const api = (bearer: string) => async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${urls.functions}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

interface GrokSession {
  id: string;
  session: { instructions?: string };
}

const grokSessions = async () =>
  ((await (await fetch(`${grokControl}/_sim/sessions`)).json()) as { sessions: GrokSession[] }).sessions;

/** Verifies Rose's line on `phone` with the simulator's code, then "Call now"; returns the model's instructions. */
async function verifyAndCall(call: ReturnType<typeof api>, phone: string): Promise<string> {
  const line = `/lines/${SEED.lines.rose}`;
  const sending = await call("POST", `${line}/verify/send`, { channel: "sms" });
  expect(sending.status, JSON.stringify(sending.body)).toBe(202);
  const codes = await fetch(`${urls.twilioApi}/_sim/verify/codes?to=${encodeURIComponent(phone)}`);
  const { codes: sent } = (await codes.json()) as { codes: { code: string }[] };
  expect(
    (await call("POST", `${line}/verify/check`, { code: sent[0]?.code, consentAttested: true })).status,
  ).toBe(200);
  await fetch(`${urls.twilioApi}/_sim/callees`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ to: phone, script: [{ answer: "answer", kind: "human", seconds: 3 }] }),
  });
  const before = new Set((await grokSessions()).map((session) => session.id));
  const placed = await call("POST", `${line}/test-call`, { ignoreQuietHours: true });
  expect(placed.status, JSON.stringify(placed.body)).toBe(202);
  // The call is placed, answered and streamed after the route replies.
  const sessions = await eventually(grokSessions, {
    until: (all) => all.some((session) => !before.has(session.id) && session.session.instructions),
    timeoutMs: 30_000,
  });
  const fresh = sessions.find((session) => !before.has(session.id) && session.session.instructions);
  return fresh?.session.instructions ?? "";
}

it("a repointed line's call is given no private memory or health note; they come back on Rose's verified number", async () => {
  const call = api(await seededUserToken(SEED.users.demo.email));
  // An earlier test on this stack (calls.test.ts) has Rose opt out by keypad: calls stay stopped, codes
  // included, until the owner turns them back on.
  const current = await call("GET", `/lines/${SEED.lines.rose}`);
  if (current.body.doNotCall) {
    const reenabled = await call("POST", `/lines/${SEED.lines.rose}/reenable-calls`, {
      confirmPersonAgreed: true,
      note: "Rose asked for her calls again",
    });
    expect(reenabled.status).toBe(200);
  }
  expect((await call("PATCH", `/lines/${SEED.lines.rose}`, { phone: RELATIVE })).status).toBe(200);
  const repointed = await verifyAndCall(call, RELATIVE);
  expect(repointed).toMatch(/Rosie|Rose/);
  expect(repointed).not.toContain("cardiology");

  expect((await call("PATCH", `/lines/${SEED.lines.rose}`, { phone: SEED.phones.rose })).status).toBe(200);
  const restored = await verifyAndCall(call, SEED.phones.rose);
  expect(restored).toContain("cardiology");
}, 120_000);
