import type { Call } from "../carrier/call.ts";
import { twilioDate } from "../carrier/status.ts";
import type { SentMessage } from "../state.ts";

/** The Call resource as Twilio's REST API renders it (2010-04-01, JSON). */
export function callResource(call: Call, accountSid: string) {
  const s = call.summary;
  const uri = `/2010-04-01/Accounts/${accountSid}/Calls/${s.callSid}`;
  return {
    sid: s.callSid,
    account_sid: accountSid,
    parent_call_sid: null,
    date_created: twilioDate(new Date(s.createdAt)),
    date_updated: twilioDate(call.updatedAt),
    to: s.to,
    to_formatted: s.to,
    from: s.from,
    from_formatted: s.from,
    phone_number_sid: null,
    status: s.status,
    start_time: call.startTime ? twilioDate(call.startTime) : null,
    end_time: call.endTime ? twilioDate(call.endTime) : null,
    duration: call.endTime ? String(s.durationSeconds) : null,
    price: null,
    price_unit: "USD",
    direction: s.direction,
    answered_by: s.answeredBy,
    api_version: "2010-04-01",
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: "0",
    trunk_sid: null,
    uri: `${uri}.json`,
    subresource_uris: {
      notifications: `${uri}/Notifications.json`,
      recordings: `${uri}/Recordings.json`,
      events: `${uri}/Events.json`,
      streams: `${uri}/Streams.json`,
    },
  };
}

/** The Message resource right after creation (status `queued`). */
export function messageResource(message: SentMessage, accountSid: string) {
  const created = twilioDate(new Date(message.createdAt));
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}`;
  return {
    sid: message.sid,
    account_sid: accountSid,
    api_version: "2010-04-01",
    body: message.body,
    date_created: created,
    date_updated: created,
    date_sent: null,
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: message.from,
    messaging_service_sid: null,
    num_media: "0",
    num_segments: String(Math.max(1, Math.ceil(message.body.length / 160))),
    price: null,
    price_unit: "USD",
    status: "queued",
    to: message.to,
    uri: `${uri}.json`,
    subresource_uris: { media: `${uri}/Media.json` },
  };
}
