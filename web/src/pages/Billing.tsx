import { lazy, Suspense } from "react";
import { useSearchParams } from "react-router";
import { useAction } from "../api/actions.ts";
import { client, requestApi } from "../api/client.ts";
import { useAccount, usePlans, useUsage } from "../api/queries.ts";
import type { Plan } from "../api/types.ts";
import { usePageTitle } from "../lib/title.ts";
import { Section } from "../ui/boundary.tsx";
import { Button } from "../ui/button.tsx";
import { Skeleton } from "../ui/skeleton.tsx";
import { SpendingCap } from "./SpendingCap.tsx";

const UsageChart = lazy(() => import("./UsageChart.tsx"));

/** A plan a checkout sells at a monthly fee: the catalogue's paid plans. */
type PaidPlan = Plan & { id: Exclude<Plan["id"], "free_trial" | "payg"> };
const isPaid = (plan: Plan): plan is PaidPlan =>
  plan.kind === "paid" && plan.id !== "free_trial" && plan.id !== "payg";
const dollars = (cents: number) => `$${cents % 100 === 0 ? cents / 100 : (cents / 100).toFixed(2)}`;

const date = (iso: string) => new Date(iso).toLocaleDateString(undefined, { month: "long", day: "numeric" });

export default function Billing() {
  usePageTitle("Usage and billing");
  return (
    <>
      <h1>Usage and billing</h1>
      <CheckoutReturn />
      <Section title="Usage" fallback={<Skeleton lines={6} />}>
        <UsageSection />
      </Section>
      <Section title="Your plan" fallback={<Skeleton lines={4} />}>
        <PlanSection />
      </Section>
      <Section title="Spending limit" fallback={<Skeleton lines={3} />}>
        <SpendingCap />
      </Section>
    </>
  );
}

/** Stripe Checkout sends the owner back here with how it went. */
function CheckoutReturn() {
  const [params] = useSearchParams();
  const outcome = params.get("checkout");
  if (outcome === "success")
    return (
      <p className="banner" role="status">
        Thank you — your new plan is being set up. It shows here within a minute.
      </p>
    );
  if (outcome === "canceled")
    return (
      <p className="banner" role="status">
        No change made: checkout was cancelled. You can choose a plan whenever you like.
      </p>
    );
  return null;
}

function UsageSection() {
  const { data: usage } = useUsage();
  const total = usage.perDay.reduce((sum, d) => sum + d.minutes, 0);
  return (
    <section className="card stack" aria-labelledby="usage-title">
      <h2 id="usage-title">Minutes this cycle</h2>
      <p className="big-number" data-testid="usage-summary">
        {usage.minutesUsed} used · {usage.minutesRemaining} left of {usage.minutesIncluded}
      </p>
      <p className="hint">
        Since {date(usage.cycleStart)}
        {usage.cycleEnd ? `, renews ${date(usage.cycleEnd)}` : ""}.
        {usage.overageMinutes > 0
          ? ` ${usage.overageMinutes} extra minutes will be billed at the end of the cycle.`
          : ""}
      </p>
      <meter
        min={0}
        max={Math.max(1, usage.minutesIncluded)}
        value={usage.minutesUsed}
        aria-label="Minutes used"
      >
        {usage.minutesUsed} of {usage.minutesIncluded}
      </meter>
      {total > 0 ? (
        <>
          <h3>Minutes per day</h3>
          <Suspense fallback={<Skeleton lines={4} />}>
            <UsageChart perDay={usage.perDay} cycleStart={usage.cycleStart} />
          </Suspense>
          {/* The wrapper hides it: a table grows to its content whatever its own width says. */}
          <div className="visually-hidden">
            <table>
              <caption>Minutes per day</caption>
              <tbody>
                {usage.perDay.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{d.date}</th>
                    <td>{d.minutes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="empty">No minutes used yet this cycle.</p>
      )}
      {usage.perLine.length > 0 ? (
        <>
          <h3>By person</h3>
          <ul className="list-plain">
            {usage.perLine.map((l) => (
              <li key={l.lineId ?? "other"}>
                {l.displayName ?? "Other calls"}: {l.minutes} min
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function PlanSection() {
  const { data: account } = useAccount();
  const { data: catalogue } = usePlans();
  const owner = account.role === "owner";
  const checkout = useAction<PaidPlan["id"], { url: string }>({
    run: (planId) =>
      requestApi(client.billing.checkout.$post({ query: {}, json: { plan: planId, interval: "month" } })),
    onSuccess: (r) => window.location.assign(r.url),
  });
  const portal = useAction<void, { url: string }>({
    run: () => requestApi(client.billing.portal.$post({ query: {} })),
    onSuccess: (r) => window.location.assign(r.url),
  });
  const trial = account.status === "trial";
  return (
    <section className="card stack" aria-labelledby="plan-title">
      <h2 id="plan-title">Your plan: {account.planName}</h2>
      <p>
        {trial
          ? `You're on the free trial with ${account.minutesIncluded} minutes. When they're used up, calls stop until you choose a plan.`
          : `${account.minutesIncluded} minutes a month for up to ${account.linesIncluded} ${account.linesIncluded === 1 ? "person" : "people"}. Extra minutes are billed per minute; calls never stop mid-conversation.`}
      </p>
      {account.status === "past_due" ? (
        <p className="attention">
          Your last payment didn't go through. Update your card to keep calls going.
        </p>
      ) : null}
      {!owner ? (
        <p className="hint">Only the account owner can change the plan.</p>
      ) : (
        <>
          {!trial ? (
            <Button onClick={() => portal.mutate()} busy={portal.isPending} busyText="Opening Stripe…">
              Manage billing, card and invoices
            </Button>
          ) : null}
          <ul className="plan-grid" aria-label="Plans">
            {catalogue.plans
              .filter(isPaid)
              .filter((p) => p.id !== account.planId)
              .map((p) => (
                <li key={p.id} className="card plan">
                  <h3>{p.name}</h3>
                  <p className="big-number">{dollars(p.monthlyPriceCents)} a month</p>
                  <p>
                    {p.minutesIncluded} minutes a month · {p.linesIncluded}{" "}
                    {p.linesIncluded === 1 ? "person" : "people"}
                  </p>
                  <Button
                    variant="primary"
                    onClick={() => checkout.mutate(p.id)}
                    busy={checkout.isPending && checkout.variables === p.id}
                    busyText="Opening Stripe…"
                    aria-label={`Choose ${p.name}`}
                  >
                    Choose {p.name}
                  </Button>
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
