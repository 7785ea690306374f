import { Hono } from "hono";
import type { SimulatorState } from "../state.ts";
import type { Verification, VerifyResult } from "../verify/store.ts";
import { notFound, readForm, TwilioApiError } from "./errors.ts";

const SERVICE_SID = /^VA[0-9a-fA-F]{32}$/;

/** Verify v2 (`/v2/Services/{ServiceSid}/Verifications` and `/VerificationCheck`) on the same server. */
export function verifyRoutes(state: SimulatorState): Hono {
  const app = new Hono();

  app.post("/Services/:serviceSid/Verifications", async (c) => {
    const serviceSid = service(c.req.param("serviceSid"), c.req.path);
    const form = await readForm(c);
    const verification = unwrap(
      state.verify.send(serviceSid, form.get("To") ?? "", form.get("Channel") ?? ""),
    );
    state.options.log(`Verify code for ${verification.to} (${verification.channel}): ${verification.code}`);
    return c.json(verificationResource(verification, state.options.accountSid), 201);
  });

  app.post("/Services/:serviceSid/VerificationCheck", async (c) => {
    const serviceSid = service(c.req.param("serviceSid"), c.req.path);
    const form = await readForm(c);
    const to = form.get("To");
    if (!to) throw new TwilioApiError(400, 60200, "Invalid parameter: To or VerificationSid is required");
    const verification = unwrap(state.verify.check(serviceSid, to, form.get("Code") ?? ""));
    const {
      send_code_attempts: _sends,
      lookup: _lookup,
      sna: _sna,
      url: _url,
      ...check
    } = verificationResource(verification, state.options.accountSid);
    return c.json({ ...check, valid: verification.status === "approved", sna_attempts_error_codes: [] }, 200);
  });

  return app;
}

function service(sid: string, path: string): string {
  if (!SERVICE_SID.test(sid)) throw notFound(path);
  return sid;
}

function unwrap(result: VerifyResult): Verification {
  if (!result.ok) throw new TwilioApiError(result.error.status, result.error.code, result.error.message);
  return result.verification;
}

function verificationResource(v: Verification, accountSid: string) {
  return {
    sid: v.sid,
    service_sid: v.serviceSid,
    account_sid: accountSid,
    to: v.to,
    channel: v.channel,
    status: v.status,
    valid: false,
    lookup: {},
    amount: null,
    payee: null,
    send_code_attempts: v.sends.map((send, i) => ({
      attempt_sid: `VL${v.sid.slice(2, 32)}${String(i).padStart(2, "0")}`,
      channel: send.channel,
      time: new Date(send.atMs).toISOString(),
    })),
    date_created: new Date(v.createdAtMs).toISOString(),
    date_updated: new Date(v.updatedAtMs).toISOString(),
    sna: null,
    url: `https://verify.twilio.com/v2/Services/${v.serviceSid}/Verifications/${v.sid}`,
  };
}
