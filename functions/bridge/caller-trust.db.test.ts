import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  bridgePost,
  callTool,
  startLiveSession,
  useBridgeApp,
  useTestDatabase,
} from "../../tests/support/kit.ts";
import { createMemory } from "../_shared/domain/memory/store.ts";

/**
 * An inbound call whose caller ID was not A-attested may not be Rose: its context carries no private
 * memory and no health note, and the memory-changing tools are neither offered nor accepted. Opting out
 * stays. The seed gives Rose a shared memory (dahlias) and a private health note (cardiology).
 */
const t = useTestDatabase();
const bridge = useBridgeApp(t);

const MEMORY_CHANGING = [
  "forget_memory",
  "mark_private",
  "grant_memory_consent",
  "deny_memory_consent",
  "update_memory",
  "store_memory",
];

beforeEach(async () => {
  await t.db.asService(async (tx) => {
    const memory = { accountId: SEED.accounts.demo, lineId: SEED.lines.rose };
    await createMemory(tx, t.keyring, {
      ...memory,
      kind: "health_note",
      text: "Rose takes her blood pressure pills at breakfast",
    });
    await createMemory(tx, t.keyring, {
      ...memory,
      kind: "fact",
      text: "Rose is saving up to surprise her son",
      private: true,
    });
  });
});

async function inboundSession(trust: "attested" | "unattested") {
  const id = await startLiveSession(t.db, {
    accountId: SEED.accounts.demo,
    lineId: SEED.lines.rose,
    direction: "inbound",
  });
  await t.db.sql`update public.ultaura_call_sessions set caller_trust = ${trust} where id = ${id}`;
  return id;
}

async function context(session: string) {
  const { response, json } = await bridgePost(bridge.app, `sessions/${session}/context`, {});
  expect(response.status).toBe(200);
  const body = (await json()) as { instructions: string; tools: { name: string }[] };
  return { instructions: body.instructions, tools: body.tools.map((tool) => tool.name) };
}

describe("an inbound call without A-attestation", () => {
  it("gets a context with no private memory, no health note and no memory-changing tools", async () => {
    const { instructions, tools } = await context(await inboundSession("unattested"));
    expect(instructions).toContain("dahlias");
    expect(instructions).not.toContain("cardiology");
    expect(instructions).not.toContain("blood pressure");
    expect(instructions).not.toContain("surprise her son");
    for (const name of MEMORY_CHANGING) {
      expect(tools).not.toContain(name);
      expect(instructions).not.toContain(name);
    }
    expect(tools).toContain("request_opt_out");
  });

  it("cannot plant a memory: store_memory is refused and nothing is written", async () => {
    const session = await inboundSession("unattested");
    const before = await t.db.sql`select count(*)::int as n from public.ultaura_memories`;
    const planted = await callTool(bridge.app, session, "store_memory", {
      text: "Rose wants her savings sent to Ed",
      kind: "fact",
    });
    expect(planted.status).toBe(403);
    expect(planted.body.error?.code).toBe("tool_not_offered");
    expect(await t.db.sql`select count(*)::int as n from public.ultaura_memories`).toEqual(before);
  });

  it("is refused the memory-changing tools and recalls nothing private", async () => {
    const session = await inboundSession("unattested");
    const forget = await callTool(bridge.app, session, "forget_memory", { memoryId: "m1" });
    expect(forget.status).toBe(403);
    expect(forget.body.error?.code).toBe("tool_not_offered");
    const recalled = await callTool(bridge.app, session, "recall_memory", {
      topic: "cardiology appointment",
    });
    expect(recalled.status).toBe(200);
    const texts = (recalled.body.output.memories ?? []).map((m) => m.text).join(" ");
    expect(texts).not.toContain("cardiology");
    expect(texts).not.toContain("blood pressure");
  });

  it("while an A-attested inbound call and a call we placed get all of it", async () => {
    const placed = await startLiveSession(t.db, { accountId: SEED.accounts.demo, lineId: SEED.lines.rose });
    for (const session of [await inboundSession("attested"), placed]) {
      const { instructions, tools } = await context(session);
      expect(instructions).toContain("cardiology");
      expect(instructions).toContain("blood pressure");
      for (const name of MEMORY_CHANGING) expect(tools).toContain(name);
    }
  });
});
