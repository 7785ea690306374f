import { z } from "zod";
import { listLineMemories } from "../../_shared/domain/memory/store.ts";
import { sharedWithAnyCaller } from "../../_shared/domain/sessions/caller-trust.ts";
import { loadMemoryConsent } from "../memory/consent.ts";
import { rankByTopic } from "../memory/match.ts";
import { markRecalled } from "../memory/mutations.ts";
import { memoryRef } from "../memory/refs.ts";
import { defineTool } from "./tool.ts";

const RECALL_LIMIT = 3;

export const recallMemory = defineTool({
  name: "recall_memory",
  description:
    "Look up what you remember about a topic the person mentions (a name, a place, an event) when it is " +
    "not already in your notes. Returns the few best matches.",
  args: z.object({
    topic: z.string().trim().min(2).max(200).describe("A few words, e.g. 'grandson football'"),
  }),
  async handle({ db, keyring, now }, session, args) {
    return db.asService(async (tx) => {
      const consent = await loadMemoryConsent(tx, session.lineId, now());
      if (consent.state !== "granted") {
        return {
          output: {
            ok: true,
            memories: [],
            instruction: "Nothing is remembered: they have not agreed to it.",
          },
        };
      }
      const all = await listLineMemories(tx, keyring, session.accountId, session.lineId);
      // An unattested caller ID may not be the person: recall never reveals private or health notes then.
      const memories = session.callerTrusted ? all : all.filter(sharedWithAnyCaller);
      const best = rankByTopic(args.topic, memories, (memory) => memory.text, RECALL_LIMIT);
      await markRecalled(
        tx,
        session.accountId,
        session.lineId,
        best.map(({ item }) => item.id),
      );
      const found = await Promise.all(
        best.map(async ({ item }) => ({
          id: await memoryRef(item.id),
          kind: item.kind,
          text: item.text,
          private: item.private,
        })),
      );
      return {
        output: {
          ok: true,
          memories: found,
          ...(found.length === 0 ? { instruction: "Nothing remembered about that. Ask them about it." } : {}),
        },
      };
    });
  },
});
