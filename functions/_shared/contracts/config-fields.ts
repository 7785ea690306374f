/**
 * zod schemas of the configuration values both deployables read (the bridge Worker's `Env` and the Edge
 * Functions' environment), so a value means and is checked the same on both sides.
 */
import { z } from "zod";
import { ACCOUNT_SID_PATTERN, SERVICE_SID_PATTERN } from "./twilio-sids.ts";

/**
 * An HMAC key one hop shares (PREPARE_SIGNING_SECRET, BRIDGE_REQUEST_SECRET, STREAM_TOKEN_SECRET): each
 * hop has its own, so a key leaked from one place cannot sign for another.
 */
export const sharedSecret = z.string().min(16, "at least 16 characters");
export const twilioAccountSid = z.string().regex(ACCOUNT_SID_PATTERN, "AC followed by 32 hex digits");
/** A Twilio Verify service's SID (VA + 32 hex). */
export const twilioVerifyServiceSid = z.string().regex(SERVICE_SID_PATTERN, "VA followed by 32 hex digits");
export const twilioAuthToken = z.string().min(8, "at least 8 characters");
/** A Twilio API key's SID (SK + 32 hex): the Worker's REST credential, revocable on its own. */
export const twilioApiKeySid = z.string().regex(/^SK[0-9a-f]{32}$/, "SK followed by 32 hex digits");
/** A phone number in E.164, e.g. +15555550100. */
export const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "E.164");
/** An http(s) base URL, e.g. https://api.twilio.com. */
export const httpUrl = z.url({ protocol: /^https?$/ });
/** A WebSocket URL, e.g. wss://api.x.ai/v1/realtime. */
export const wsUrl = z.string().regex(/^wss?:\/\/[^\s]+$/, "a ws:// or wss:// URL");
/** A Grok voice id, e.g. "ara". */
export const voiceId = z.string().regex(/^[a-z0-9_-]{1,40}$/i, "a Grok voice id");
