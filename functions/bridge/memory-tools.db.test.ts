import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  addMemory,
  callTool,
  familyMemories,
  startLiveSession,
  useBridgeApp,
  useTestDatabase,
} from "../../tests/support/kit.ts";
import { toolRefusal } from "../_shared/contracts/bridge.ts";
import { createMemory, listLineMemories } from "../_shared/domain/memory/store.ts";
import { memoryRef } from "./memory/refs.ts";

const t = useTestDatabase();
const bridge = useBridgeApp(t, { roseSession: true });

const roseMemories = () =>
  t.db.asService((tx) => listLineMemories(tx, t.keyring, SEED.accounts.demo, SEED.lines.rose));
const rowCount = async (id: string) =>
  (
    await t.db.sql<{ n: number }[]>`select count(*)::int as n from public.ultaura_memories where id = ${id}`
  )[0]?.n;

describe("memory consent", () => {
  it("stores nothing before a yes, records the answer with the call as evidence, then stores", async () => {
    const walter = await startLiveSession(t.db, { accountId: SEED.accounts.low, lineId: SEED.lines.low });
    const refused = await callTool(bridge.app, walter, "store_memory", {
      text: "Walter fixes old radios",
      kind: "fact",
    });
    expect(refused.body.output).toMatchObject({ ok: false, stored: false, reason: "no_consent" });
    expect(
      (await t.db.sql`select 1 from public.ultaura_memories where line_id = ${SEED.lines.low}`).length,
    ).toBe(0);

    await callTool(bridge.app, walter, "deny_memory_consent", {});
    const stillRefused = await callTool(bridge.app, walter, "store_memory", {
      text: "Walter fixes old radios",
      kind: "fact",
    });
    expect(stillRefused.body.output).toMatchObject({ stored: false });

    expect((await callTool(bridge.app, walter, "grant_memory_consent", {})).status).toBe(200);
    const consents = await t.db.sql`
      select granted, source, call_session_id from public.ultaura_consents
      where line_id = ${SEED.lines.low} and kind = 'memory' order by created_at`;
    expect(consents.map((c) => [c.granted, c.source, c.call_session_id])).toEqual([
      [false, "voice", walter],
      [true, "voice", walter],
    ]);
    const stored = await callTool(bridge.app, walter, "store_memory", {
      text: "Walter fixes old radios",
      kind: "fact",
    });
    expect(stored.body.output).toMatchObject({ ok: true, stored: true, updated: false });
  });
});

describe("store_memory and update_memory", () => {
  it("encrypts at rest and updates a duplicate instead of piling up", async () => {
    const text = "Her grandson Leo starts college in May";
    const first = await callTool(bridge.app, bridge.session, "store_memory", { text, kind: "event" });
    const again = await callTool(bridge.app, bridge.session, "store_memory", {
      text: "her grandson leo starts college in may!",
      kind: "event",
      private: true,
    });
    expect(again.body.output).toMatchObject({
      stored: true,
      updated: true,
      memoryId: first.body.output.memoryId,
    });
    const matching = (await roseMemories()).filter((m) => m.text.toLowerCase().includes("leo"));
    expect(matching).toHaveLength(1);
    expect(matching[0]?.private).toBe(true);
    const raw = await t.db.sql<{ plain: number }[]>`
      select count(*)::int as plain from public.ultaura_memories where position(convert_to('Leo', 'UTF8') in ciphertext) > 0`;
    expect(raw[0]?.plain).toBe(0);
  });

  it("corrects a memory by its short id", async () => {
    const ref = await memoryRef(SEED.memories.roseGarden);
    const result = await callTool(bridge.app, bridge.session, "update_memory", {
      memoryId: ref,
      text: "Rose grows dahlias and roses",
    });
    expect(result.body.output).toEqual({ ok: true, updated: true });
    expect((await roseMemories()).find((m) => m.id === SEED.memories.roseGarden)?.text).toBe(
      "Rose grows dahlias and roses",
    );
  });

  it("answers model slips to the model without changing anything", async () => {
    const result = await callTool(bridge.app, bridge.session, "store_memory", { text: "", kind: "gossip" });
    expect(result.status).toBe(200);
    expect(result.body.output).toMatchObject({ ok: false, reason: "invalid_arguments" });
  });
});

describe("recall_memory", () => {
  it("returns the best few matches for a topic, not everything", async () => {
    await t.db.asService(async (tx) => {
      for (const text of [
        "Leo plays football on Saturdays",
        "Mia plays the violin",
        "Loves the film Casablanca",
        "Her garden gnome is called Fred",
      ]) {
        await createMemory(tx, t.keyring, {
          accountId: SEED.accounts.demo,
          lineId: SEED.lines.rose,
          kind: "fact",
          text,
        });
      }
    });
    const result = await callTool(bridge.app, bridge.session, "recall_memory", { topic: "dahlias garden" });
    const texts = (result.body.output.memories ?? []).map((m) => m.text);
    expect(texts[0]).toContain("dahlias");
    expect(texts).toContain("Her garden gnome is called Fred");
    expect(texts).not.toContain("Mia plays the violin");
    expect(texts.length).toBeLessThanOrEqual(3);
  });
});

describe("forget_memory", () => {
  it("deletes the row by short id: the ciphertext is gone from the table", async () => {
    const result = await callTool(bridge.app, bridge.session, "forget_memory", {
      memoryId: await memoryRef(SEED.memories.roseGarden),
    });
    expect(result.body.output).toMatchObject({ ok: true, forgotten: true });
    expect(await rowCount(SEED.memories.roseGarden)).toBe(0);
  });

  it("deletes the one clear match of a description", async () => {
    await callTool(bridge.app, bridge.session, "forget_memory", {
      description: "the cardiology appointment",
    });
    expect(await rowCount(SEED.memories.rosePrivate)).toBe(0);
    expect(await rowCount(SEED.memories.roseGarden)).toBe(1);
  });

  it("'forget that' with an ambiguous or empty description deletes nothing and asks which one", async () => {
    await addMemory(t, {
      accountId: SEED.accounts.demo,
      lineId: SEED.lines.rose,
      kind: "preference",
      text: "Rose loves talking about her grandchildren",
    });
    const before = (await roseMemories()).length;
    const vague = await callTool(bridge.app, bridge.session, "forget_memory", { description: "that" });
    expect(vague.body.output).toMatchObject({ ok: false, forgotten: false, reason: "no_match" });
    const ambiguous = await callTool(bridge.app, bridge.session, "forget_memory", {
      description: "Rose loves talking",
    });
    expect(ambiguous.body.output).toMatchObject({ ok: false, forgotten: false, reason: "ambiguous" });
    expect(ambiguous.body.output.candidates).toHaveLength(2);
    expect(ambiguous.body.output.say).toMatch(/Ask them which one/);
    expect((await roseMemories()).length).toBe(before);
  });

  it("answers another account's memory id with a 'not found' output (HTTP 200) and changes nothing", async () => {
    const foreign = await addMemory(t, {
      accountId: SEED.accounts.paid,
      lineId: SEED.lines.paid,
      kind: "fact",
      text: "Maria makes tamales",
    });
    const notFound = { ok: false, reason: "not_found", say: expect.stringMatching(/No memory with that id/) };
    for (const memoryId of [foreign, await memoryRef(foreign)]) {
      const result = await callTool(bridge.app, bridge.session, "forget_memory", { memoryId });
      expect(result.status).toBe(200);
      expect(result.body.output).toMatchObject({ ...notFound, forgotten: false });
      expect(toolRefusal.safeParse(result.body.output).success).toBe(true);
    }
    const update = await callTool(bridge.app, bridge.session, "update_memory", {
      memoryId: foreign,
      text: "overwritten",
    });
    expect(update).toMatchObject({ status: 200, body: { output: { ...notFound, updated: false } } });
    const hide = await callTool(bridge.app, bridge.session, "mark_private", { memoryId: foreign });
    expect(hide).toMatchObject({ status: 200, body: { output: { ...notFound, private: false } } });
    const [row] = await t.db.sql`select private from public.ultaura_memories where id = ${foreign}`;
    expect(row?.private).toBe(false);
    const maria = await t.db.asService((tx) =>
      listLineMemories(tx, t.keyring, SEED.accounts.paid, SEED.lines.paid),
    );
    expect(maria.map((m) => m.text)).toEqual(["Maria makes tamales"]);
  });
});

describe("mark_private", () => {
  it("keeps the memory for the AI but out of every family-facing query", async () => {
    const demo = t.claims(SEED.users.demo.id);
    expect((await familyMemories(t.db, t.keyring, demo, SEED.lines.rose)).map((m) => m.id)).toEqual([
      SEED.memories.roseGarden,
    ]);
    const result = await callTool(bridge.app, bridge.session, "mark_private", {
      description: "dahlias in her garden",
    });
    expect(result.body.output).toMatchObject({ ok: true, private: true });
    expect(await familyMemories(t.db, t.keyring, demo, SEED.lines.rose)).toEqual([]);
    const asFamily = await t.attempt(
      { userId: SEED.users.demo.id },
      "select id from public.ultaura_memories",
    );
    expect(asFamily).toMatchObject({ ok: true, rows: [] });
    expect((await roseMemories()).map((m) => m.id).sort()).toEqual(
      [SEED.memories.roseGarden, SEED.memories.rosePrivate].sort(),
    );
  });

  it("asks instead of guessing when the description is unclear", async () => {
    const result = await callTool(bridge.app, bridge.session, "mark_private", { description: "that thing" });
    expect(result.body.output).toMatchObject({ ok: false, private: false, reason: "no_match" });
    const [garden] = await t.db
      .sql`select private from public.ultaura_memories where id = ${SEED.memories.roseGarden}`;
    expect(garden?.private).toBe(false);
  });
});
