import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { addMemory, useBillingApi, useTestDatabase } from "../../tests/support/kit.ts";

/**
 * `GET /api/account/export` and `DELETE /api/account` against real Postgres RLS and the Stripe simulator:
 * owners only; the export holds what the family may see and no private memory; closing needs DELETE typed
 * exactly, cancels the subscription at Stripe, deletes the data and keeps consents, opt-outs and the
 * ledger's totals.
 */
const database = useTestDatabase();
const billing = useBillingApi(database, {
  ownerEmail: SEED.users.demo.email,
  accountId: SEED.accounts.demo,
  memberEmail: "closing-sibling@example.com",
});

async function count(table: string, accountId: string): Promise<number> {
  const [row] = await database.db.sql<{ n: number }[]>`
    select count(*)::int as n from ${database.db.sql(`public.${table}`)} where account_id = ${accountId}`;
  return row?.n ?? 0;
}

describe("GET /api/account/export", () => {
  it("gives the owner everything the family may see, without private memories or health notes", async () => {
    const healthNote = await addMemory(database, {
      accountId: SEED.accounts.demo,
      lineId: SEED.lines.rose,
      kind: "health_note",
      text: "Rose's knee is sore after her walks",
      private: false,
    });
    const res = await billing.owner("GET", "/account/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const data = res.body;
    expect(data.account.id).toBe(SEED.accounts.demo);
    expect(data.members.map((m: { email: string }) => m.email)).toContain(SEED.users.demo.email);
    expect(data.lines.map((l: { id: string }) => l.id)).toContain(SEED.lines.rose);
    expect(data.contacts.map((c: { id: string }) => c.id)).toContain(SEED.trustedContactDaniel);
    expect(data.consents).toHaveLength(3);
    const memoryIds = data.memories.map((m: { id: string }) => m.id);
    expect(memoryIds).toContain(SEED.memories.roseGarden);
    expect(memoryIds).not.toContain(SEED.memories.rosePrivate);
    expect(memoryIds).not.toContain(healthNote);
    expect(data.memories.some((m: { kind: string }) => m.kind === "health_note")).toBe(false);
    expect(JSON.stringify(data)).not.toMatch(/cardiology|knee|ciphertext/);
  });

  it("refuses a member who is not the owner", async () => {
    const res = await billing.member("GET", `/account/export?accountId=${SEED.accounts.demo}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("owner_only");
  });
});

describe("DELETE /api/account", () => {
  it("refuses anything but DELETE typed exactly, and changes nothing", async () => {
    for (const body of [{ confirm: "delete" }, { confirm: "DELETE " }, {}]) {
      const res = await billing.owner("DELETE", "/account", body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("confirm_required");
    }
    expect(await count("ultaura_lines", SEED.accounts.demo)).toBeGreaterThan(0);
    expect((await billing.owner("GET", "/account")).status).toBe(200);
  });

  it("refuses a member who is not the owner, and changes nothing", async () => {
    const res = await billing.member("DELETE", `/account?accountId=${SEED.accounts.demo}`, {
      confirm: "DELETE",
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("owner_only");
    expect(await count("ultaura_lines", SEED.accounts.demo)).toBeGreaterThan(0);
  });

  it("cancels the Stripe subscription and keeps the ledger's totals", async () => {
    const [ledger] = await database.db.sql<{ calls: number; billable: number }[]>`
      select count(*)::int as calls, coalesce(sum(billable_minutes), 0)::int as billable
      from public.ultaura_minute_ledger where account_id = ${SEED.accounts.paid}`;
    const paid = billing.api.request((await billing.api.signIn(SEED.users.paid.email)).access_token);
    // Stripe's webhook for the cancellation arrives after the account is gone, as it may in production.
    billing.bed.sim.setWebhookUrl(null);
    const res = await paid("DELETE", "/account", { confirm: "DELETE" });
    billing.bed.sim.setWebhookUrl(billing.bed.webhookUrl);
    expect(res.status).toBe(200);
    const cancelled = billing.bed.sim.state.events.findLast(
      (e) => e.type === "customer.subscription.deleted",
    );
    expect(await billing.bed.sim.deliver(cancelled ? [cancelled] : [])).toEqual([
      expect.objectContaining({ type: "customer.subscription.deleted", status: 200 }),
    ]);
    expect(res.body.subscriptionsCancelled).toEqual([SEED.stripe.paidSubscription]);
    expect(billing.bed.sim.state.subscriptions.get(SEED.stripe.paidSubscription)?.status).toBe("canceled");
    expect(res.body.kept.ledgerTotals).toMatchObject({
      calls: ledger?.calls,
      billableMinutes: ledger?.billable,
    });
    const [kept] = await database.db.sql<{ billable_minutes: number; stripe_customer_id: string }[]>`
      select billable_minutes, stripe_customer_id from public.ultaura_closed_accounts
      where account_id = ${SEED.accounts.paid}`;
    expect(kept).toEqual({
      billable_minutes: ledger?.billable,
      stripe_customer_id: SEED.stripe.paidCustomer,
    });
    expect(await count("ultaura_minute_ledger", SEED.accounts.paid)).toBe(0);
    expect(await count("ultaura_call_sessions", SEED.accounts.paid)).toBe(0);
    const after = await paid("GET", "/account");
    expect(after.status).toBe(404);
    expect(after.body.error.code).toBe("no_account");
  });

  it("deletes the family's data but keeps consents and opt-outs by number", async () => {
    await database.db.sql`
      insert into public.ultaura_opt_outs (account_id, line_id, phone_e164, source)
      values (${SEED.accounts.demo}, ${SEED.lines.rose}, '+15555550100', 'voice')`;
    const res = await billing.owner("DELETE", "/account", { confirm: "DELETE" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accountId: SEED.accounts.demo,
      subscriptionsCancelled: [],
      kept: { consents: 3, optOuts: 1 },
    });
    for (const table of [
      "ultaura_lines",
      "ultaura_memories",
      "ultaura_trusted_contacts",
      "ultaura_schedules",
    ]) {
      expect(await count(table, SEED.accounts.demo)).toBe(0);
    }
    const consents = await database.db.sql<{ phone_e164: string; account_id: string | null }[]>`
      select phone_e164, account_id from public.ultaura_consents
      where id in ('80000000-0000-4000-8000-000000000001', '80000000-0000-4000-8000-000000000002',
        '80000000-0000-4000-8000-000000000003')`;
    expect(consents).toHaveLength(3);
    // Rose's own consents keep her number; Daniel's agreement to safety texts keeps his (0028).
    expect(consents.map((c) => [c.phone_e164, c.account_id]).sort()).toEqual(
      [
        ["+15555550100", null],
        ["+15555550100", null],
        [SEED.phones.daniel, null],
      ].sort(),
    );
    const optOuts = await database.db.sql`
      select 1 from public.ultaura_opt_outs where phone_e164 = '+15555550100' and resolved_at is null`;
    expect(optOuts).toHaveLength(1);
    // The member's sign-in reaches nothing of the closed account either.
    expect((await billing.member("GET", `/account?accountId=${SEED.accounts.demo}`)).status).toBe(404);
    expect((await billing.owner("GET", "/account/export")).status).toBe(404);

    // The owner's sign-in can be deleted afterwards (by hand, docs/OPERATIONS.md); the records stay.
    await database.db.sql`delete from auth.users where id = ${SEED.users.demo.id}`;
    const [kept] = await database.db.sql<{ n: number }[]>`
      select count(*)::int as n from public.ultaura_consents
      where phone_e164 in ('+15555550100', ${SEED.phones.daniel}) and account_id is null`;
    expect(kept?.n).toBe(3);
  });
});
