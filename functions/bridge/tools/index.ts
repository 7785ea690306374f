import type { ToolSchema } from "../../_shared/contracts/bridge.ts";
import { acknowledgeReminder } from "./acknowledge-reminder.ts";
import { forgetMemory } from "./forget-memory.ts";
import { logCallInsights } from "./log-call-insights.ts";
import { logSafetyConcern } from "./log-safety-concern.ts";
import { markPrivate } from "./mark-private.ts";
import { denyMemoryConsent, grantMemoryConsent } from "./memory-consent.ts";
import { recallMemory } from "./recall-memory.ts";
import { cancelReminder, listRemindersTool, moveReminder, setReminder } from "./reminders.ts";
import { requestOptOut } from "./request-opt-out.ts";
import { storeMemory } from "./store-memory.ts";
import type { BridgeTool } from "./tool.ts";
import { updateMemory } from "./update-memory.ts";

/** Every tool the model is given, in the order it is described to it. */
export const BRIDGE_TOOLS: readonly BridgeTool[] = [
  grantMemoryConsent,
  denyMemoryConsent,
  storeMemory,
  updateMemory,
  recallMemory,
  forgetMemory,
  markPrivate,
  requestOptOut,
  logSafetyConcern,
  logCallInsights,
  setReminder,
  listRemindersTool,
  moveReminder,
  cancelReminder,
  acknowledgeReminder,
];

const BY_NAME = new Map(BRIDGE_TOOLS.map((tool) => [tool.name, tool]));

export function findTool(name: string): BridgeTool | undefined {
  return BY_NAME.get(name);
}

/**
 * Tools that write or change what is remembered beyond the call: not offered (and refused) when the
 * caller ID is not attested, since a spoofed caller could otherwise plant, erase, hide or re-consent Rose's
 * memories (store_memory too: a planted "fact" or a shared memory re-stored as private). Opting out stays:
 * it is the safe direction.
 */
const TRUSTED_ONLY: ReadonlySet<string> = new Set([
  grantMemoryConsent.name,
  denyMemoryConsent.name,
  storeMemory.name,
  updateMemory.name,
  forgetMemory.name,
  markPrivate.name,
  // Reminders hold the person's private words and ring their phone: a spoofed caller may neither read nor
  // change them (issue 24).
  setReminder.name,
  listRemindersTool.name,
  moveReminder.name,
  cancelReminder.name,
  acknowledgeReminder.name,
]);

/** Whether `tool` may be used on a call whose caller is (not) trusted. */
export function toolOffered(tool: BridgeTool, callerTrusted: boolean): boolean {
  return callerTrusted || !TRUSTED_ONLY.has(tool.name);
}

export function toolSchemas(callerTrusted = true): ToolSchema[] {
  return BRIDGE_TOOLS.filter((tool) => toolOffered(tool, callerTrusted)).map((tool) => tool.schema);
}
