import type { Tx } from "../../_shared/platform/db.ts";
import type { Plan } from "../schemas.ts";

/** The plans on sale (RLS: active ones), in the catalogue's order; 0002_plans.sql owns their rows. */
export async function loadPlans(tx: Tx): Promise<Plan[]> {
  return tx<Plan[]>`
    select id, name, kind::text as kind,
      monthly_price_cents as "monthlyPriceCents", annual_price_cents as "annualPriceCents",
      minutes_included as "minutesIncluded", lines_included as "linesIncluded",
      overage_cents_per_minute as "overageCentsPerMinute"
    from public.ultaura_plans
    where active
    order by sort_order, id`;
}
