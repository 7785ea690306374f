import { Hono } from "hono";
import type { IncomingNumber, SimulatorState } from "../state.ts";
import { notFound, readForm, TwilioApiError } from "./errors.ts";

/**
 * `/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers`: our one number, listed (filter `PhoneNumber`),
 * fetched and updated (voice URL, fallback URL, status callback and their methods) as Twilio's REST API
 * does; an update decides where the next inbound call goes.
 */
export function incomingNumberRoutes(state: SimulatorState): Hono {
  const app = new Hono();
  const accountSid = state.options.accountSid;
  const resource = (n: IncomingNumber) => ({
    sid: n.sid,
    account_sid: accountSid,
    phone_number: n.phoneNumber,
    friendly_name: n.phoneNumber,
    voice_url: n.voiceUrl,
    voice_method: n.voiceMethod,
    voice_fallback_url: n.voiceFallbackUrl,
    voice_fallback_method: n.voiceFallbackMethod,
    status_callback: n.statusCallback,
    status_callback_method: n.statusCallbackMethod,
    capabilities: { voice: true, sms: true, mms: false, fax: false },
    api_version: "2010-04-01",
    uri: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${n.sid}.json`,
  });
  const mine = (sid: string, path: string) => {
    if (sid !== `${state.number.sid}.json`) throw notFound(path);
    return state.number;
  };

  app.get("/IncomingPhoneNumbers.json", (c) => {
    const wanted = c.req.query("PhoneNumber");
    const numbers = wanted && wanted !== state.number.phoneNumber ? [] : [state.number];
    const uri = `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`;
    return c.json({
      incoming_phone_numbers: numbers.map(resource),
      first_page_uri: uri,
      next_page_uri: null,
      previous_page_uri: null,
      page: 0,
      page_size: 50,
      uri,
      start: 0,
      end: numbers.length - 1,
    });
  });
  app.get("/IncomingPhoneNumbers/:sid", (c) => c.json(resource(mine(c.req.param("sid"), c.req.path))));
  app.post("/IncomingPhoneNumbers/:sid", async (c) => {
    const number = mine(c.req.param("sid"), c.req.path);
    const form = await readForm(c);
    const url = (name: string) => {
      const value = form.get(name);
      if (value !== null && value !== "" && !/^https?:\/\//.test(value)) {
        throw new TwilioApiError(400, 21502, `${name} is not a valid URL: ${value}`);
      }
      return value;
    };
    const method = (name: string) => {
      const value = form.get(name)?.toUpperCase();
      if (value !== undefined && value !== "GET" && value !== "POST") {
        throw new TwilioApiError(400, 21503, `${name} must be GET or POST`);
      }
      return value;
    };
    const voiceUrl = url("VoiceUrl");
    const fallbackUrl = url("VoiceFallbackUrl");
    const statusCallback = url("StatusCallback");
    const voiceMethod = method("VoiceMethod");
    const fallbackMethod = method("VoiceFallbackMethod");
    const statusMethod = method("StatusCallbackMethod");
    if (voiceUrl) number.voiceUrl = voiceUrl;
    if (fallbackUrl !== null) number.voiceFallbackUrl = fallbackUrl || null;
    if (statusCallback) number.statusCallback = statusCallback;
    if (voiceMethod) number.voiceMethod = voiceMethod;
    if (fallbackMethod) number.voiceFallbackMethod = fallbackMethod;
    if (statusMethod) number.statusCallbackMethod = statusMethod;
    return c.json(resource(number));
  });
  return app;
}
