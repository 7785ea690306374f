import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { copyFor } from "../../functions/_shared/domain/copy/index.ts";
import { createStripeClient } from "../../functions/_shared/platform/stripe-client.ts";
import type { MeterEvent } from "../../simulators/stripe/objects.ts";
import { SEED } from "../../supabase/seed-ids.ts";
import { eventually } from "../support/kit.ts";
import { simulators } from "../support/simulators.ts";

const { urls, databaseUrl, env } = inject("stack");
const sim = simulators(urls);
const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
afterAll(() => sql.end());

const meterEvents = async (): Promise<MeterEvent[]> =>
  ((await (await fetch(`${urls.stripeApi}/_sim/meter-events`)).json()) as { meterEvents: MeterEvent[] })
    .meterEvents;

describe("billing through the whole stack (Stripe sim ⇄ functions/billing on Deno)", () => {
  it("checkout completed on the simulator → signed webhooks → the account is on the new plan", async () => {
    const [account] = await sql<{ id: string }[]>`
      insert into ultaura_accounts (name) values ('E2E Billing Family') returning id`;
    const accountId = account?.id as string;
    try {
      const stripe = createStripeClient(env.STRIPE_SECRET_KEY as string, urls.stripeApi);
      const session = await stripe.checkout.sessions.create({
        mode: "subscription",
        client_reference_id: accountId,
        customer_email: "e2e-billing@example.com",
        line_items: [
          { price: env.STRIPE_PRICE_FAMILY_MONTHLY as string, quantity: 1 },
          { price: env.STRIPE_PRICE_OVERAGE as string },
        ],
        subscription_data: { metadata: { account_id: accountId } },
        success_url: `${urls.web}/billing`,
      });
      const completed = await fetch(`${urls.stripeApi}/_sim/checkout/${session.id}/complete`, {
        method: "POST",
      });
      const { deliveries } = (await completed.json()) as { deliveries: { type: string; status: number }[] };
      expect(deliveries.map((d) => [d.type, d.status])).toEqual([
        ["checkout.session.completed", 200],
        ["customer.subscription.created", 200],
        ["invoice.paid", 200],
      ]);
      const [row] = await sql`
        select a.status, a.plan_id, a.minutes_included, p.lines_included, a.stripe_customer_id is not null as has_customer
        from ultaura_accounts a join ultaura_plans p on p.id = a.plan_id where a.id = ${accountId}`;
      expect(row).toEqual({
        status: "active",
        plan_id: "family",
        minutes_included: 1200,
        lines_included: 4,
        has_customer: true,
      });

      // A forged delivery is refused by the deployed function.
      const forged = await fetch(`${urls.functions}/billing/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
        body: JSON.stringify({ id: "evt_forged", type: "invoice.paid" }),
      });
      expect(forged.status).toBe(400);
    } finally {
      await sql`delete from ultaura_accounts where id = ${accountId}`;
    }
  });

  it("a spending cap reached mid-call ends the call; the overage is metered once, the family told, the next call refused", async () => {
    // The paid seed account (Care, 195 of 200 used) gets a $10 cap (66 overage minutes) with 65 already used,
    // so one minute is left. Everything is put back afterwards: other tests call this account.
    const [filler] = await sql<{ id: string }[]>`
      insert into ultaura_call_sessions (account_id, line_id, direction, status, started_at, ended_at, seconds_connected)
      values (${SEED.accounts.paid}, ${SEED.lines.paid}, 'inbound', 'completed', now() - interval '2 hours',
              now() - interval '1 hour', 4200)
      returning id`;
    await sql`
      insert into ultaura_minute_ledger (account_id, line_id, call_session_id, seconds_connected, billable_minutes,
        overage_minutes, billable_type, cycle_start, cycle_end, stripe_report_status, stripe_reported_at)
      select id, ${SEED.lines.paid}, ${filler?.id as string}, 4200, 70, 65, 'overage', cycle_start, cycle_end, 'reported', now()
      from ultaura_accounts where id = ${SEED.accounts.paid}`;
    await sql`update ultaura_accounts set spending_cap_cents = 1000 where id = ${SEED.accounts.paid}`;
    let callSid: string | null = null;
    try {
      // The stack may run the countdown on a short test minute (BRIDGE_MINUTE_SECONDS); the caller keeps
      // chatting, so only the cap (not the silence check-ins) can end the call.
      const minute = Number(env.BRIDGE_MINUTE_SECONDS ?? 60);
      const every = Math.min(2 * (minute / 5), 12);
      const chatting = Array.from({ length: Math.ceil((minute + 30) / every) }, (_, i) => {
        const at = 1.5 + i * every;
        return `${at}-${at + 1}`;
      }).join(",");
      const summary = await sim.call({ from: SEED.phones.paid, seconds: minute + 60, speak: chatting });
      callSid = summary.callSid;
      expect(summary.endedBy).toBe("server");
      expect(summary.durationSeconds).toBeGreaterThanOrEqual(minute);
      // The minute left under the cap, then at most the goodbye's deadline (25 s) and a little setup.
      expect(summary.durationSeconds).toBeLessThanOrEqual(minute + 30);
      const [stream] = summary.streams;
      const minuteUp = minute * 1000 - (stream?.openedAtCallMs ?? 0);
      const heardAfter = stream?.marksEchoed.filter((mark) => mark.atMs > minuteUp) ?? [];
      expect(heardAfter.length, "the goodbye the caller heard after the cap was reached").toBeGreaterThan(0);

      const ledger = await eventually(
        async () => {
          const [row] = await sql<
            {
              stripe_identifier: string;
              overage_minutes: number;
              billable_minutes: number;
              stripe_report_status: string;
              end_reason: string;
            }[]
          >`
          select l.stripe_identifier, l.overage_minutes, l.billable_minutes, l.stripe_report_status, s.end_reason
          from ultaura_minute_ledger l join ultaura_call_sessions s on s.id = l.call_session_id
          where s.twilio_call_sid = ${summary.callSid}`;
          expect(row?.stripe_report_status).toBe("reported");
          // The Worker's end report and Twilio's final status arrive in either order.
          expect(row?.end_reason).toBe("minutes_exhausted");
          return row;
        },
        { timeoutMs: 20_000, intervalMs: 200 },
      );
      expect(ledger?.overage_minutes).toBe(ledger?.billable_minutes);
      const events = (await meterEvents()).filter((e) => e.identifier === ledger?.stripe_identifier);
      expect(events).toHaveLength(1);
      expect(events[0]?.payload).toEqual({
        stripe_customer_id: SEED.stripe.paidCustomer,
        value: String(ledger?.overage_minutes),
      });
      const notices = await sql`
        select kind from ultaura_billing_notices where account_id = ${SEED.accounts.paid} and kind = 'spending_cap_reached'`;
      expect(notices).toHaveLength(1);

      // The next call is refused at the start, in Maria's language, with the cap's own words.
      const refused = await sim.call({ from: SEED.phones.paid, seconds: 20 });
      expect(refused.streams).toEqual([]);
      expect(refused.said).toEqual(copyFor("es").phone.spendingCapReached("Maria"));
    } finally {
      await sql`update ultaura_accounts set spending_cap_cents = null where id = ${SEED.accounts.paid}`;
      await sql`delete from ultaura_billing_notices where account_id = ${SEED.accounts.paid}`;
      await sql`delete from ultaura_call_sessions where id = ${filler?.id as string} or twilio_call_sid = ${callSid}`;
      await sql`delete from ultaura_call_events where type = 'inbound.spending_cap_reached'`;
    }
  }, 180_000);
});
