import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { billingInterval, type CheckoutPlanId, checkoutPlanId } from "../../_shared/domain/billing/prices.ts";
import type { OwnerAction } from "../../_shared/domain/copy/types.ts";
import { asOwner, resolveAccount } from "../accounts/accounts.ts";
import { loadBillingSummary, pauseLines, SPENDING_CAPS, setSpendingCap } from "../billing/account-billing.ts";
import { openBillingPortal, startCheckout } from "../billing/checkout.ts";
import { availableBilling } from "../billing/deps.ts";
import { loadPlans } from "../billing/plans.ts";
import { type ApiEnv, type ApiServices, asCaller } from "../env.ts";
import { validationHook } from "../middleware.ts";
import { body, json, refusal, refusals, security } from "../openapi.ts";
import { orRefuse } from "../refusals.ts";
import { accountQuery, plansResponse } from "../schemas.ts";

const checkoutBody = z
  .object({
    plan: checkoutPlanId.optional(),
    /** The web app's spelling of `plan`; either is accepted. */
    planId: checkoutPlanId.optional(),
    interval: billingInterval.default("month"),
  })
  .refine((b) => b.plan ?? b.planId, { path: ["plan"], message: "is required" });
const urlResponse = z.object({ url: z.url() });
const capBody = z.object({
  capCents: z.union([z.null(), ...SPENDING_CAPS.map((cap) => z.literal(cap))]),
});
const pauseBody = z.object({ lineIds: z.array(z.uuid()).min(1).max(10) });
const summary = z.object({
  spendingCapCents: z.number().int().nullable(),
  overageMinutes: z.number().int(),
  overageCents: z.number().int(),
  notices: z.array(
    z.object({
      kind: z.string(),
      cycleStart: z.string(),
      details: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
});
const ownerOnly = refusal("Only the account's owner manages billing");
const unavailable = refusal("Billing is not configured or Stripe is unreachable");

const postCheckout = createRoute({
  method: "post",
  path: "/billing/checkout",
  summary: "A Stripe Checkout page for a plan (owners only); answer { url } to send the browser to",
  security,
  request: { query: accountQuery, ...body(checkoutBody) },
  responses: {
    200: json(urlResponse, "The hosted checkout page"),
    403: ownerOnly,
    409: refusal("The account already has a plan: use the billing portal"),
    503: unavailable,
    ...refusals,
  },
});

const postPortal = createRoute({
  method: "post",
  path: "/billing/portal",
  summary: "Stripe's customer portal: card, invoices, plan changes (owners only); answer { url }",
  security,
  request: { query: accountQuery },
  responses: {
    200: json(urlResponse, "The portal page"),
    403: ownerOnly,
    409: refusal("No billing details yet"),
    503: unavailable,
    ...refusals,
  },
});

const getBilling = createRoute({
  method: "get",
  path: "/billing",
  summary: "The spending cap, this cycle's overage and the billing notices (every member)",
  security,
  request: { query: accountQuery },
  responses: { 200: json(summary, "Billing summary"), ...refusals },
});

const getPlans = createRoute({
  method: "get",
  path: "/plans",
  summary: "The plans on sale, from the database's catalogue: prices in cents, minutes, lines",
  security,
  responses: { 200: json(plansResponse, "The catalogue, in its order"), ...refusals },
});

const putCap = createRoute({
  method: "put",
  path: "/billing/spending-cap",
  summary: "Cap overage per cycle at $10, $25, $50 or $100, or remove the cap (null); owners only",
  security,
  request: { query: accountQuery, ...body(capBody) },
  responses: { 200: json(summary, "Billing summary"), 403: ownerOnly, ...refusals },
});

const postPause = createRoute({
  method: "post",
  path: "/billing/pause-lines",
  summary: "After a downgrade, pause the lines the owner chose (nothing is deleted); owners only",
  security,
  request: { query: accountQuery, ...body(pauseBody) },
  responses: {
    200: json(z.object({ activeLines: z.number().int() }), "Lines still active"),
    403: ownerOnly,
    ...refusals,
  },
});

/**
 * Billing for the signed-in family: checkout and portal call billing's domain code directly (no function
 * calls another), after RLS resolved the account and the caller was found to be its owner.
 */
export function billingRoutes(services: ApiServices) {
  const ownedAccount = (
    claims: ApiEnv["Variables"]["claims"],
    accountId: string | undefined,
    action: OwnerAction,
  ) =>
    asCaller(services, claims, async (tx) => {
      const account = orRefuse(await resolveAccount(tx, claims.sub, accountId));
      return orRefuse(asOwner(account, action));
    });

  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
    .openapi(postCheckout, async (c) => {
      const { accountId } = c.req.valid("query");
      const input = c.req.valid("json");
      const account = await ownedAccount(c.var.claims, accountId, "choose_plan");
      const email = typeof c.var.claims.email === "string" ? c.var.claims.email : null;
      // The request's logger, so the checkout's lines carry its request id.
      const { url } = orRefuse(
        await startCheckout(
          { ...orRefuse(availableBilling(services.billing)), log: c.var.log },
          {
            accountId: account.id,
            plan: (input.plan ?? input.planId) as CheckoutPlanId,
            interval: input.interval,
            email,
          },
        ),
      );
      return c.json({ url }, 200);
    })
    .openapi(postPortal, async (c) => {
      const { accountId } = c.req.valid("query");
      const account = await ownedAccount(c.var.claims, accountId, "manage_billing");
      const billing = { ...orRefuse(availableBilling(services.billing)), log: c.var.log };
      return c.json(orRefuse(await openBillingPortal(billing, account.id)), 200);
    })
    .openapi(getBilling, async (c) => {
      const { accountId } = c.req.valid("query");
      const result = await asCaller(services, c.var.claims, async (tx) =>
        orRefuse(
          await loadBillingSummary(tx, orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId)).id),
        ),
      );
      return c.json(result, 200);
    })
    .openapi(getPlans, async (c) => {
      const plans = await asCaller(services, c.var.claims, loadPlans);
      return c.json({ plans }, 200);
    })
    .openapi(putCap, async (c) => {
      const { accountId } = c.req.valid("query");
      const { capCents } = c.req.valid("json");
      const result = await asCaller(services, c.var.claims, async (tx) => {
        const found = orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId));
        const account = orRefuse(asOwner(found, "set_spending_cap"));
        await setSpendingCap(tx, account.id, capCents);
        return orRefuse(await loadBillingSummary(tx, account.id));
      });
      return c.json(result, 200);
    })
    .openapi(postPause, async (c) => {
      const { accountId } = c.req.valid("query");
      const { lineIds } = c.req.valid("json");
      const activeLines = await asCaller(services, c.var.claims, async (tx) => {
        const found = orRefuse(await resolveAccount(tx, c.var.claims.sub, accountId));
        const account = orRefuse(asOwner(found, "pause_lines"));
        return pauseLines(tx, account.id, lineIds);
      });
      return c.json({ activeLines }, 200);
    });
}
