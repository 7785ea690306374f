import type { ToolSchema } from "../contracts/bridge.ts";
import { forgetMemory } from "./forget-memory.ts";
import { logSafetyConcern } from "./log-safety-concern.ts";
import { markPrivate } from "./mark-private.ts";
import { denyMemoryConsent, grantMemoryConsent } from "./memory-consent.ts";
import { recallMemory } from "./recall-memory.ts";
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
];

const BY_NAME = new Map(BRIDGE_TOOLS.map((tool) => [tool.name, tool]));

export function findTool(name: string): BridgeTool | undefined {
  return BY_NAME.get(name);
}

export function toolSchemas(): ToolSchema[] {
  return BRIDGE_TOOLS.map((tool) => tool.schema);
}
