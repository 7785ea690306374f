import { Hono } from "hono";
import { newSid } from "../sids.ts";
import type { SimulatorState } from "../state.ts";
import { readForm, TwilioApiError } from "./errors.ts";
import { messageResource } from "./resources.ts";

const PHONE = /^\+[1-9]\d{6,14}$/;

/** `/2010-04-01/Accounts/{AccountSid}/Messages.json`: texts are recorded, never delivered. */
export function messageRoutes(state: SimulatorState): Hono {
  const app = new Hono();
  app.post("/Messages.json", async (c) => {
    const form = await readForm(c);
    const to = form.get("To");
    const from = form.get("From");
    const body = form.get("Body");
    if (!to) throw new TwilioApiError(400, 21604, "A 'To' phone number is required.");
    if (!PHONE.test(to)) throw new TwilioApiError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from) throw new TwilioApiError(400, 21603, "A 'From' phone number is required.");
    if (from !== state.options.phoneNumber) {
      throw new TwilioApiError(
        400,
        21606,
        `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
      );
    }
    if (!body) throw new TwilioApiError(400, 21602, "Message body is required.");
    if (body.length > 1600)
      throw new TwilioApiError(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
    const message = { sid: newSid("SM"), from, to, body, createdAt: new Date().toISOString() };
    state.messages.push(message);
    state.options.log(`SMS ${from} → ${to}: ${body}`);
    return c.json(messageResource(message, state.options.accountSid), 201);
  });
  return app;
}
