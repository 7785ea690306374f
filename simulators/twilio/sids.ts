import { randomBytes } from "node:crypto";

/** Twilio resource ids: a two-letter type prefix and 32 lowercase hex digits (34 characters). */
export function newSid(prefix: "CA" | "SM" | "MZ" | "VE" | "PN"): string {
  return prefix + randomBytes(16).toString("hex");
}
