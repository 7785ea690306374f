import { describe, expect, it } from "vitest";
import type { CallerLine } from "../sessions/sessions.ts";
import { decideInbound, refusalHeard } from "./inbound.ts";

const line: CallerLine = {
  lineId: "line-1",
  accountId: "account-1",
  name: "Rosa",
  language: "es",
  accountStatus: "active",
  planKind: "paid",
  minutesRemaining: 100,
};

describe("decideInbound", () => {
  it("connects an active or past-due account and refuses the rest", () => {
    expect(decideInbound(null)).toEqual({ kind: "unknown_caller" });
    expect(decideInbound(line).kind).toBe("connect");
    expect(decideInbound({ ...line, accountStatus: "past_due" }).kind).toBe("connect");
    expect(decideInbound({ ...line, accountStatus: "suspended" }).kind).toBe("account_inactive");
    expect(decideInbound({ ...line, accountStatus: "canceled" }).kind).toBe("account_inactive");
    expect(decideInbound({ ...line, planKind: "trial", minutesRemaining: 0 }).kind).toBe("trial_used_up");
  });
});

describe("refusalHeard", () => {
  const refusals = [
    { kind: "account_inactive", line },
    { kind: "trial_used_up", line },
    { kind: "spending_cap_reached", line },
  ] as const;

  it("tells an attested caller why the call is refused, by name and in the line's language", () => {
    for (const decision of refusals)
      expect(refusalHeard(decision, "attested")).toEqual({
        kind: decision.kind,
        name: "Rosa",
        language: "es",
      });
  });

  it("gives an unattested caller the unknown caller's words for every refusal", () => {
    for (const decision of refusals)
      expect(refusalHeard(decision, "unattested")).toEqual({ kind: "unknown_caller" });
    expect(refusalHeard({ kind: "unknown_caller" }, "attested")).toEqual({ kind: "unknown_caller" });
  });
});
