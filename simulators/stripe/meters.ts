import { randomBytes } from "node:crypto";
import { type Metadata, type Meter, type MeterEvent, StripeApiError } from "./objects.ts";

/** Meter events may be up to 35 days old and 5 minutes ahead (Stripe's rule). */
const METER_PAST_SECONDS = 35 * 24 * 3600;
const METER_FUTURE_SECONDS = 5 * 60;

export interface MeterEventParams {
  eventName?: string;
  payload: Metadata;
  identifier?: string;
  timestamp?: string;
}

const refuse = (message: string, param: string) =>
  new StripeApiError(400, "invalid_request_error", message, param);

/** Validates a meter event as Stripe does at the API (name, customer, numeric value, time window). */
export function checkMeterEvent(
  meter: Meter,
  customerExists: (id: string) => boolean,
  params: MeterEventParams,
  now: number,
): MeterEvent {
  if (params.eventName !== meter.event_name)
    throw refuse(`No active meter for event_name '${params.eventName}'.`, "event_name");
  const customer = params.payload.stripe_customer_id;
  if (!customer || !customerExists(customer))
    throw refuse(`No such customer: '${customer}'`, "payload[stripe_customer_id]");
  const value = params.payload.value;
  if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value))
    throw refuse("payload[value] must be a number.", "payload[value]");
  const timestamp = params.timestamp === undefined ? now : Number(params.timestamp);
  if (
    !Number.isInteger(timestamp) ||
    timestamp < now - METER_PAST_SECONDS ||
    timestamp > now + METER_FUTURE_SECONDS
  )
    throw refuse("timestamp must be within the past 35 days and at most 5 minutes ahead.", "timestamp");
  return {
    object: "billing.meter_event",
    created: now,
    event_name: params.eventName,
    identifier: params.identifier ?? `mev_${randomBytes(12).toString("hex")}`,
    livemode: false,
    payload: params.payload,
    timestamp,
  };
}

/** Sum of a customer's meter values with start <= timestamp < end (one summary for the whole range). */
export function meterTotal(
  events: Iterable<MeterEvent>,
  customer: string,
  start: number,
  end: number,
): number {
  let total = 0;
  for (const event of events) {
    if (event.payload.stripe_customer_id === customer && event.timestamp >= start && event.timestamp < end)
      total += Number(event.payload.value);
  }
  return total;
}
