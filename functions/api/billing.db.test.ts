import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import {
  type ApiTestApp,
  type BillingTestbed,
  startBillingTestbed,
  useApiApp,
  useTestDatabase,
} from "../../tests/support/kit.ts";

/**
 * /api/billing/*: the owner gets checkout and portal links from the Stripe simulator; a member who is not
 * the owner gets 403 and nothing is created at Stripe.
 */
const database = useTestDatabase();
let bed: BillingTestbed;
const api = useApiApp(database, { resetData: true, services: () => ({ billing: () => bed.deps }) });
let owner: ReturnType<ApiTestApp["request"]>;
let member: ReturnType<ApiTestApp["request"]>;

beforeAll(async () => {
  bed = await startBillingTestbed(database.db);
  owner = api.request((await api.signIn(SEED.users.paid.email)).access_token);
  const sibling = await api.signUpMember(SEED.accounts.paid, "sibling@example.com");
  member = api.request(sibling.access_token);
});
afterAll(() => bed?.stop());

describe("/api/plans", () => {
  it("serves the database's catalogue in its order, and the Stripe simulator charges the same fees", async () => {
    const res = await owner("GET", "/plans");
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
    const catalogue = bed.deps.config.catalogue;
    for (const [id, prices] of Object.entries(catalogue.plans)) {
      const plan = plans.find((p) => p.id === id);
      expect(bed.sim.state.prices.get(prices.month)?.unit_amount).toBe(plan?.monthlyPriceCents);
      expect(bed.sim.state.prices.get(prices.year)?.unit_amount).toBe(plan?.annualPriceCents);
    }
    const payg = plans.find((p) => p.id === "payg") as { overageCentsPerMinute: number } | undefined;
    expect(bed.sim.state.prices.get(catalogue.overage)?.unit_amount).toBe(payg?.overageCentsPerMinute);
  });

  it("is for signed-in callers only", async () => {
    expect((await api.request()("GET", "/plans")).status).toBe(401);
  });
});

describe("/api/billing", () => {
  it("gives the owner a billing portal link for the account's Stripe customer", async () => {
    const portal = await owner("POST", "/billing/portal");
    expect(portal.status).toBe(200);
    expect(portal.body.url).toMatch(new RegExp(`^${bed.sim.url}/portal/bps_`));
    const session = [...bed.sim.state.portalSessions.values()].at(-1);
    expect(session).toMatchObject({
      customer: SEED.stripe.paidCustomer,
      return_url: "http://web.test/billing",
    });
  });

  it("gives a trial account's owner a checkout link ({ plan } or the web app's { planId })", async () => {
    const demo = api.request((await api.signIn(SEED.users.demo.email)).access_token);
    for (const body of [{ plan: "care", interval: "year" }, { planId: "payg" }]) {
      const checkout = await demo("POST", "/billing/checkout", body);
      expect(checkout.status).toBe(200);
      expect(checkout.body.url).toMatch(new RegExp(`^${bed.sim.url}/checkout/cs_test_`));
    }
    const sessions = [...bed.sim.state.sessions.values()].slice(-2);
    expect(sessions.map((s) => s._lineItems.map((i) => i.price))).toEqual([
      [bed.deps.config.catalogue.plans.care.year, bed.deps.config.catalogue.overage],
      [bed.deps.config.catalogue.overage],
    ]);
    expect(sessions[0]).toMatchObject({
      client_reference_id: SEED.accounts.demo,
      metadata: { account_id: SEED.accounts.demo },
    });
    expect((await demo("POST", "/billing/checkout", { plan: "platinum" })).status).toBe(400);
    expect((await demo("POST", "/billing/checkout", {})).status).toBe(400);
  });

  it("refuses a member who is not the owner with 403 on checkout and portal, creating nothing at Stripe", async () => {
    const sessionsBefore = bed.sim.state.sessions.size;
    const portalsBefore = bed.sim.state.portalSessions.size;
    const checkout = await member("POST", "/billing/checkout", { plan: "family", interval: "month" });
    expect(checkout.status).toBe(403);
    expect(checkout.body).toMatchObject({ error: { code: "owner_only" } });
    const portal = await member("POST", "/billing/portal");
    expect(portal.status).toBe(403);
    expect(bed.sim.state.sessions.size).toBe(sessionsBefore);
    expect(bed.sim.state.portalSessions.size).toBe(portalsBefore);
  });

  it("lets the owner set a spending cap from the offered ones; members read it but cannot change it", async () => {
    const set = await owner("PUT", "/billing/spending-cap", { capCents: 2500 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ spendingCapCents: 2500, overageMinutes: 0, overageCents: 0 });
    expect((await owner("PUT", "/billing/spending-cap", { capCents: 1234 })).status).toBe(400);
    expect((await member("PUT", "/billing/spending-cap", { capCents: null })).status).toBe(403);
    expect((await member("GET", "/billing")).body).toMatchObject({ spendingCapCents: 2500, notices: [] });
    expect(
      (await owner("PUT", "/billing/spending-cap", { capCents: null })).body.spendingCapCents,
    ).toBeNull();
  });

  it("without a token: 401", async () => {
    expect((await api.request()("POST", "/billing/checkout", { plan: "care" })).status).toBe(401);
  });
});
