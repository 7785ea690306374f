import type { Layout } from "./rules.ts";

/**
 * The project's layers, written down once: `functions/_shared` holds what two or more functions use, as the
 * contracts (the Worker↔functions agreement), the platform (adapters for outside services, HTTP, config,
 * runtime, crypto, auth, log; no capability) and the domain capabilities below.
 */
export const layout: Layout = {
  contracts: "functions/_shared/contracts",
  platform: "functions/_shared/platform",
  platformHttp: "functions/_shared/platform/http",
  domain: "functions/_shared/domain",
  // Builders of the domain's dependencies from a function's environment (Stripe, the dialler's Twilio client),
  // shared by two or more functions; the domain holds only the interfaces.
  wiring: "functions/_shared/wiring",
  // safety: the backstop's phrase-list shape; memory: the encrypted memory store and its keys; scheduling:
  // wall-clock time in a line's zone and quiet hours.
  domainLeaves: ["safety", "memory", "scheduling"],
  // copy (every sentence a person hears or reads) → sessions (a call session's record, its liveness and
  // caller trust) → billing (plans, minutes allowance, Stripe sync, overage) → calls (who gets through on an
  // inbound call) → dialling (placing an outbound call: the decision and its preparation) → notifications
  // (telling family members and contacts by text and in-app alert, once per notice) → reminders (what and
  // when, their occurrences, acknowledgement; issue 24).
  domainOrder: ["copy", "sessions", "billing", "calls", "dialling", "notifications", "reminders"],
  worker: "bridge-worker",
  toolingRoots: ["scripts", "tests", "bench", "bridge-worker/bench"],
};

/**
 * Problems the tree still has, each owned by an open piece of issue 20. The test fails when one disappears
 * too, so whoever fixes it deletes its line here and the exception cannot outlive the problem.
 */
export const knownProblems: readonly string[] = [];
