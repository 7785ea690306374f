import type { CallerAttestation } from "./sessions.ts";

/**
 * Caller ID is trivially spoofed, so an inbound caller is trusted only on Twilio's STIR/SHAKEN
 * `StirVerstat` = `TN-Validation-Passed-A` — and only when that value was covered by Twilio's signature.
 * Anything else (B, C, failed, absent, unsigned) is unattested: a warm call without private memories,
 * health notes or the memory-changing tools. Calls we placed are trusted by direction (see callerTrusted).
 */
export const TRUSTED_VERSTAT = "TN-Validation-Passed-A";
const VERSTAT_FORMAT = /^[A-Za-z0-9-]{1,64}$/;

export function callerAttestation(verstat: string | undefined, signed: boolean): CallerAttestation {
  const recorded = verstat !== undefined && VERSTAT_FORMAT.test(verstat) ? verstat : null;
  return { verstat: recorded, trust: signed && recorded === TRUSTED_VERSTAT ? "attested" : "unattested" };
}

/** Whether the person on the line is who the line says: a call we placed, or an A-attested inbound call. */
export function callerTrusted(direction: "inbound" | "outbound", trust: string): boolean {
  return direction === "outbound" || trust === "attested";
}

/** What an unattested caller may hear: neither private memories nor health notes. */
export function sharedWithAnyCaller(memory: { kind: string; private: boolean }): boolean {
  return !memory.private && memory.kind !== "health_note";
}
