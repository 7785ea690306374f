import type { ToolRefusalReason } from "../../_shared/contracts/bridge.ts";
import type { Memory } from "../../_shared/domain/memory/store.ts";
import { matchDescription } from "../memory/match.ts";
import { memoryRef, resolveMemoryRef } from "../memory/refs.ts";

/**
 * Which memory a forget/mark-private call means: by id (a short id from the context, or the UUID), or by
 * description. Never a guess: an id that is not this line's memory is "not found" (nothing changes); a
 * description matching nothing, or several memories about equally, yields a question for the model. Each
 * is an output the model reads (`ok: false`, `reason`, `say`).
 */
export type TargetLookup =
  | { kind: "found"; memory: Memory }
  | { kind: "unclear"; output: Record<string, unknown> };

export async function findTargetMemory(
  memories: readonly Memory[],
  request: { memoryId?: string | undefined; description?: string | undefined },
  verbs: { done: string; notDone: string },
): Promise<TargetLookup> {
  if (request.memoryId) {
    const resolved = await resolveMemoryRef(request.memoryId, memories);
    if (resolved.kind === "found") return { kind: "found", memory: resolved.item };
    if (resolved.kind === "not_found") {
      return unclear(
        "not_found",
        [],
        `No memory with that id was found for this person. Nothing was ${verbs.notDone}.`,
      );
    }
    if (resolved.kind === "malformed") {
      return unclear(
        "bad_id",
        [],
        `That is not a memory id. Use the id shown in brackets, or a description. Nothing was ${verbs.notDone}.`,
      );
    }
    return unclear("ambiguous", resolved.candidates, askWhich(verbs.notDone));
  }
  const description = request.description ?? "";
  const match = matchDescription(description, memories, (memory) => memory.text);
  if (match.kind === "match") return { kind: "found", memory: match.item };
  if (match.kind === "none") {
    return unclear(
      "no_match",
      [],
      `No memory clearly matches that. Ask them gently what exactly they mean. Nothing was ${verbs.notDone}.`,
    );
  }
  return unclear("ambiguous", match.candidates, askWhich(verbs.notDone));
}

function askWhich(notDone: string): string {
  return `More than one memory could be meant. Ask them which one, in simple words, then call again with its id. Nothing was ${notDone}.`;
}

async function unclear(
  reason: ToolRefusalReason,
  candidates: readonly Memory[],
  say: string,
): Promise<TargetLookup> {
  const listed = await Promise.all(
    candidates.map(async (memory) => ({ id: await memoryRef(memory.id), text: memory.text })),
  );
  return {
    kind: "unclear",
    output: { ok: false, reason, ...(listed.length > 0 ? { candidates: listed } : {}), say },
  };
}
