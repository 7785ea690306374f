import { useState } from "react";
import { useAction } from "../api/actions.ts";
import { client, requestApi } from "../api/client.ts";
import { keys, useAccount, useBilling } from "../api/queries.ts";
import { Button } from "../ui/button.tsx";
import { Field } from "../ui/field.tsx";

const CAPS = [null, 1000, 2500, 5000, 10000] as const;
type Cap = (typeof CAPS)[number];
const dollars = (cents: number) => `$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;
const capLabel = (cap: Cap) => (cap === null ? "No limit" : `${dollars(cap)} a month`);

const NOTICE_WORDS: Record<string, string> = {
  spending_cap_reached:
    "The spending limit was reached, so calls paused until the next cycle or a higher limit.",
  minutes_exhausted: "The included minutes ran out.",
  trial_exhausted: "The free trial's minutes are used up.",
  payment_failed: "A payment didn't go through.",
};

/** Extra minutes beyond the plan, and the most the owner lets them cost in one cycle. */
export function SpendingCap() {
  const { data: billing } = useBilling();
  const { data: account } = useAccount();
  const owner = account.role === "owner";
  const [cap, setCap] = useState<Cap>(billing.spendingCapCents as Cap);
  const save = useAction<Cap>({
    run: (capCents) => requestApi(client.billing["spending-cap"].$put({ query: {}, json: { capCents } })),
    invalidates: [keys.billing],
    success: (_r) => `Spending limit saved: ${capLabel(cap)}.`,
  });
  const latest = billing.notices[0];
  return (
    <section className="card stack" aria-labelledby="cap-title">
      <h2 id="cap-title">Extra minutes and your spending limit</h2>
      <p>
        Extra minutes this cycle: <strong>{billing.overageMinutes}</strong> ({dollars(billing.overageCents)}).
        {billing.spendingCapCents === null
          ? " No spending limit is set."
          : ` Limit: ${dollars(billing.spendingCapCents)} a month — calls pause when it is reached.`}
      </p>
      {latest ? (
        <p className="attention">{NOTICE_WORDS[latest.kind] ?? latest.kind.replaceAll("_", " ")}</p>
      ) : null}
      {owner ? (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(cap);
          }}
        >
          <Field label="Monthly spending limit for extra minutes">
            {(p) => (
              <select
                {...p}
                value={cap === null ? "" : String(cap)}
                onChange={(e) => setCap((e.target.value === "" ? null : Number(e.target.value)) as Cap)}
              >
                {CAPS.map((c) => (
                  <option key={c ?? "none"} value={c === null ? "" : String(c)}>
                    {capLabel(c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Button type="submit" variant="primary" busy={save.isPending} busyText="Saving…">
            Save limit
          </Button>
        </form>
      ) : (
        <p className="hint">Only the account owner can change the spending limit.</p>
      )}
    </section>
  );
}
