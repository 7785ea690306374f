import { describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useBillingApi, useTestDatabase } from "../../tests/support/kit.ts";

/**
 * /api/billing/*: the owner gets checkout and portal links from the Stripe simulator; a member who is not
 * the owner gets 403 and nothing is created at Stripe.
 */
const database = useTestDatabase();
const billing = useBillingApi(database, {
  ownerEmail: SEED.users.paid.email,
  accountId: SEED.accounts.paid,
  memberEmail: "sibling@example.com",
});

describe("/api/plans", () => {
  it("serves the database's catalogue in its order, and the Stripe simulator charges the same fees", async () => {
    const res = await billing.owner("GET", "/plans");
    expect(res.status).toBe(200);
    const plans = res.body.plans as { id: string; monthlyPriceCents: number; annualPriceCents: number }[];
    const rows = await database.db.sql<{ id: string }[]>`
      select id from public.ultaura_plans where active order by sort_order, id`;
    expect(plans.map((p) => p.id)).toEqual(rows.map((r) => r.id));
    expect(plans.find((p) => p.id === "care")).toMatchObject({
      name: "Care",
      kind: "paid",
      monthlyPriceCents: 1900,
      minutesIncluded: 200,
      linesIncluded: 1,
    });
    const catalogue = billing.bed.deps.config.catalogue;
    for (const [id, prices] of Object.entries(catalogue.plans)) {
      const plan = plans.find((p) => p.id === id);
      expect(billing.bed.sim.state.prices.get(prices.month)?.unit_amount).toBe(plan?.monthlyPriceCents);
      expect(billing.bed.sim.state.prices.get(prices.year)?.unit_amount).toBe(plan?.annualPriceCents);
    }
    const payg = plans.find((p) => p.id === "payg") as { overageCentsPerMinute: number } | undefined;
    expect(billing.bed.sim.state.prices.get(catalogue.overage)?.unit_amount).toBe(
      payg?.overageCentsPerMinute,
    );
  });

  it("is for signed-in callers only", async () => {
    expect((await billing.api.request()("GET", "/plans")).status).toBe(401);
  });
});

describe("/api/billing", () => {
  it("gives the owner a billing portal link for the account's Stripe customer", async () => {
    const portal = await billing.owner("POST", "/billing/portal");
    expect(portal.status).toBe(200);
    expect(portal.body.url).toMatch(new RegExp(`^${billing.bed.sim.url}/portal/bps_`));
    const session = [...billing.bed.sim.state.portalSessions.values()].at(-1);
    expect(session).toMatchObject({
      customer: SEED.stripe.paidCustomer,
      return_url: "http://web.test/billing",
    });
  });

  it("gives a trial account's owner a checkout link ({ plan } or the web app's { planId })", async () => {
    const demo = billing.api.request((await billing.api.signIn(SEED.users.demo.email)).access_token);
    for (const body of [{ plan: "care", interval: "year" }, { planId: "payg" }]) {
      const checkout = await demo("POST", "/billing/checkout", body);
      expect(checkout.status).toBe(200);
      expect(checkout.body.url).toMatch(new RegExp(`^${billing.bed.sim.url}/checkout/cs_test_`));
    }
    const sessions = [...billing.bed.sim.state.sessions.values()].slice(-2);
    expect(sessions.map((s) => s._lineItems.map((i) => i.price))).toEqual([
      [billing.bed.deps.config.catalogue.plans.care.year, billing.bed.deps.config.catalogue.overage],
      [billing.bed.deps.config.catalogue.overage],
    ]);
    expect(sessions[0]).toMatchObject({
      client_reference_id: SEED.accounts.demo,
      metadata: { account_id: SEED.accounts.demo },
    });
    expect((await demo("POST", "/billing/checkout", { plan: "platinum" })).status).toBe(400);
    expect((await demo("POST", "/billing/checkout", {})).status).toBe(400);
  });

  it("refuses a member who is not the owner with 403 on checkout and portal, creating nothing at Stripe", async () => {
    const sessionsBefore = billing.bed.sim.state.sessions.size;
    const portalsBefore = billing.bed.sim.state.portalSessions.size;
    const checkout = await billing.member("POST", "/billing/checkout", { plan: "family", interval: "month" });
    expect(checkout.status).toBe(403);
    expect(checkout.body).toMatchObject({ error: { code: "owner_only" } });
    const portal = await billing.member("POST", "/billing/portal");
    expect(portal.status).toBe(403);
    expect(billing.bed.sim.state.sessions.size).toBe(sessionsBefore);
    expect(billing.bed.sim.state.portalSessions.size).toBe(portalsBefore);
  });

  it("lets the owner set a spending cap from the offered ones; members read it but cannot change it", async () => {
    const set = await billing.owner("PUT", "/billing/spending-cap", { capCents: 2500 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ spendingCapCents: 2500, overageMinutes: 0, overageCents: 0 });
    expect((await billing.owner("PUT", "/billing/spending-cap", { capCents: 1234 })).status).toBe(400);
    expect((await billing.member("PUT", "/billing/spending-cap", { capCents: null })).status).toBe(403);
    expect((await billing.member("GET", "/billing")).body).toMatchObject({
      spendingCapCents: 2500,
      notices: [],
    });
    expect(
      (await billing.owner("PUT", "/billing/spending-cap", { capCents: null })).body.spendingCapCents,
    ).toBeNull();
  });

  it("without a token: 401", async () => {
    expect((await billing.api.request()("POST", "/billing/checkout", { plan: "care" })).status).toBe(401);
  });
});
