import { z } from "zod";
import { listLineMemories } from "../../_shared/domain/memory/store.ts";
import { deleteMemory } from "../memory/mutations.ts";
import { findTargetMemory } from "./memory-target.ts";
import { defineTool } from "./tool.ts";

export const forgetMemory = defineTool({
  name: "forget_memory",
  description:
    'The person wants something forgotten ("forget that", "never mind, don\'t remember that"). Pass the ' +
    "memory's id from your notes when you know which one; otherwise a short description. Deletes the memory " +
    "for good. If the result says it is unclear, ask which one they mean — never guess.",
  args: z
    .object({
      memoryId: z
        .string()
        .max(64)
        .optional()
        .describe("The memory's id in brackets from your notes, e.g. m1a2b3c4d"),
      description: z
        .string()
        .max(300)
        .optional()
        .describe("What to forget, in a few words, when the id is unknown"),
    })
    .refine((args) => Boolean(args.memoryId || args.description), "give memoryId or description"),
  async handle({ db, keyring, log }, session, args) {
    return db.asService(async (tx) => {
      const memories = await listLineMemories(tx, keyring, session.accountId, session.lineId);
      const target = await findTargetMemory(memories, args, { done: "forgotten", notDone: "forgotten" });
      if (target.kind === "unclear") return { output: { ...target.output, forgotten: false } };
      await deleteMemory(tx, target.memory);
      log.info("memory forgotten", { callSessionId: session.id, memoryId: target.memory.id });
      return {
        output: {
          ok: true,
          forgotten: true,
          instruction: "It is deleted for good. Reassure them briefly that you have forgotten it.",
        },
      };
    });
  },
});
