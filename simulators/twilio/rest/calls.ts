import { Hono } from "hono";
import { delay } from "../../scheduler.ts";
import type { Call } from "../carrier/call.ts";
import type { DocumentSource } from "../carrier/documents.ts";
import type { PartyBehaviour } from "../carrier/party.ts";
import { isTerminal, type MachineDetection, parseStatusCallbackEvents } from "../carrier/status.ts";
import type { SimulatorState } from "../state.ts";
import { notFound, readForm, TwilioApiError } from "./errors.ts";
import { callResource } from "./resources.ts";

const PHONE = /^\+[1-9]\d{6,14}$/;
/** How long a hang-up request waits for the call to be over before answering, as Twilio's does. */
const HANGUP_SETTLE_MS = 2000;

/** `/2010-04-01/Accounts/{AccountSid}/Calls…`: create, fetch, and update a live call. */
export function callRoutes(state: SimulatorState): Hono {
  const app = new Hono();
  const { accountSid } = state.options;

  app.post("/Calls.json", async (c) => {
    const form = await readForm(c);
    const call = state.placeCall(outboundInit(form, state));
    state.options.log(`outbound call ${call.init.sid} ${call.init.from} → ${call.init.to}`);
    return c.json(callResource(call, accountSid), 201);
  });

  app.get("/Calls/:file", (c) =>
    c.json(callResource(findCall(state, c.req.param("file"), c.req.path), accountSid)),
  );

  app.post("/Calls/:file", async (c) => {
    const call = findCall(state, c.req.param("file"), c.req.path);
    const form = await readForm(c);
    const status = form.get("Status");
    const twiml = form.get("Twiml");
    const url = form.get("Url");
    if (status === "completed" || status === "canceled") {
      const live = !isTerminal(call.status) && !(status === "canceled" && call.status === "in-progress");
      if (live) {
        call.hangUp();
        await Promise.race([call.ended, delay(state.options.scheduler, HANGUP_SETTLE_MS)]);
      }
    } else if (status !== undefined && status !== null) {
      throw new TwilioApiError(400, 20001, `Invalid Status: ${status}`);
    } else if (twiml || url) {
      const document: DocumentSource = twiml
        ? { kind: "twiml", source: "rest-update", twiml }
        : {
            kind: "url",
            source: "rest-update",
            url: url ?? "",
            method: form.get("Method") === "GET" ? "GET" : "POST",
          };
      if (!call.redirect(document))
        throw new TwilioApiError(400, 21220, "Call is not in-progress. Cannot redirect.");
    }
    return c.json(callResource(call, accountSid), 200);
  });

  return app;
}

function outboundInit(form: URLSearchParams, state: SimulatorState) {
  const to = form.get("To");
  const from = form.get("From");
  const url = form.get("Url");
  const twiml = form.get("Twiml");
  if (!to) throw new TwilioApiError(400, 21201, "No 'To' number is specified");
  if (!from) throw new TwilioApiError(400, 21213, "No 'From' number is specified");
  if (!PHONE.test(to)) throw new TwilioApiError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
  if (from !== state.options.phoneNumber) {
    throw new TwilioApiError(
      400,
      21210,
      `The source phone number provided, ${from}, is not yet verified for your account.`,
    );
  }
  if (!url && !twiml) throw new TwilioApiError(400, 21205, "Url parameter is required.");
  if (url && !/^https?:\/\//.test(url))
    throw new TwilioApiError(400, 21205, `Url is not a valid URL: ${url}`);
  const detection = form.get("MachineDetection");
  if (detection !== null && !isMachineDetection(detection)) {
    throw new TwilioApiError(
      400,
      20001,
      `MachineDetection must be Enable or DetectMessageEnd, got ${detection}`,
    );
  }
  const timeout = Number(form.get("Timeout") ?? "60");
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600) {
    throw new TwilioApiError(400, 20001, "Timeout must be a whole number of seconds from 1 to 600");
  }
  const fallbackUrl = form.get("FallbackUrl");
  const document: DocumentSource = twiml
    ? { kind: "twiml", source: "inline", twiml }
    : {
        kind: "url",
        source: "voice-url",
        url: url ?? "",
        method: form.get("Method") === "GET" ? "GET" : "POST",
        ...(fallbackUrl ? { fallbackUrl } : {}),
      };
  const asyncAmd = form.get("AsyncAmd") === "true";
  return {
    direction: "outbound-api" as const,
    from,
    to,
    document,
    statusCallback: {
      url: form.get("StatusCallback") ?? undefined,
      events: parseStatusCallbackEvents(form.getAll("StatusCallbackEvent")),
    },
    ...(detection ? { machineDetection: detection } : {}),
    ...(asyncAmd ? { asyncAmdCallback: form.get("AsyncAmdStatusCallback") ?? undefined } : {}),
    party: withTimeout(state.calleeFor(to), timeout),
    queuedMs: state.dialDelayMs(),
  };
}

/** A callee who would ring past `Timeout` seconds never answers. */
function withTimeout(party: PartyBehaviour, timeoutSeconds: number): PartyBehaviour {
  const ringMs = party.ringMs ?? 0;
  if (ringMs <= timeoutSeconds * 1000) return party;
  return { ...party, answer: "no-answer", ringMs: timeoutSeconds * 1000 };
}

function findCall(state: SimulatorState, file: string, path: string): Call {
  const call = file.endsWith(".json") ? state.calls.get(file.slice(0, -5)) : undefined;
  if (!call) throw notFound(path.replace(/^.*(\/2010-04-01\/)/, "$1"));
  return call;
}

function isMachineDetection(value: string): value is MachineDetection {
  return value === "Enable" || value === "DetectMessageEnd";
}
