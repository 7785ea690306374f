import { describe, expect, it } from "vitest";
import { copyFor } from "../_shared/domain/copy/index.ts";
import { REFUSALS, type Refusal, Refused, refusalError } from "./refusals.ts";

describe("refusalError", () => {
  it("answers a refusal with its table status and the copy module's sentence", () => {
    const quiet = refusalError(new Refused({ code: "quiet_hours", name: "Rosa" }));
    expect(quiet).toMatchObject({ status: 409, code: "quiet_hours" });
    expect(quiet?.message).toBe(copyFor("en").refusals.testCall("quiet_hours", "Rosa"));
    const limited = refusalError(
      new Refused({ code: "rate_limited", action: "test_call_per_line", retryAfterSeconds: 1_200 }),
    );
    expect(limited).toMatchObject({
      status: 429,
      message: "Each line can get 3 test calls an hour. Please try again in 20 minutes.",
    });
    expect(refusalError(new Refused({ code: "not_found", thing: "safety_alert" }))?.message).toBe(
      "No such safety alert.",
    );
  });

  it("leaves every other error to the generic handler", () => {
    expect(refusalError(new Error("boom"))).toBeUndefined();
  });

  it("has a 4xx or 5xx status and a sentence in both languages for every code", () => {
    const samples: Refusal[] = [
      { code: "owner_only", action: "pause_lines" },
      { code: "line_limit_reached", plan: { name: "Free trial", linesIncluded: 1 } },
      { code: "schedule_limit_reached", max: 12 },
      { code: "people_limit_reached", max: 20 },
      { code: "wrong_code", attemptsLeft: 1 },
      { code: "invalid_phone", typed: null },
      { code: "rate_limited", action: "verify_send_per_ip", retryAfterSeconds: 30 },
      { code: "country_not_allowed", allowed: ["US", "CA"] },
    ];
    for (const [code, entry] of Object.entries(REFUSALS)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      for (const language of ["en", "es"] as const) {
        const refusal =
          samples.find((s) => s.code === code) ?? ({ code, name: "Rosa", thing: "line" } as never);
        const sentence = (entry.say as (copy: unknown, r: unknown) => string)(
          copyFor(language).refusals,
          refusal,
        );
        expect(sentence, `${language} ${code}`).toMatch(/\S.*[.!?]$/);
        expect(sentence).not.toMatch(/undefined/);
      }
    }
    expect(copyFor("es").refusals.wrongCode(2)).not.toBe(copyFor("en").refusals.wrongCode(2));
  });
});
