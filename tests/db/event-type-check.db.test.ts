import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/kit.ts";

/** 0040 rewrote the call events' type CHECK for speed; the rule it holds is the one 0008 wrote. */
const database = useTestDatabase();

const insert = (type: string) =>
  database.attempt("service", `insert into public.ultaura_call_events (type) values ('${type}')`);

describe("a call event's type", () => {
  it("is lower-case letters, digits, '_' and '.', starting with a letter, 1–64 characters", async () => {
    for (const type of ["twilio.status", "a", "bridge.end_report.v2", `a${"b".repeat(63)}`])
      expect(await insert(type), type).toMatchObject({ ok: true });
    for (const type of [
      "",
      "Twilio.status",
      "1twilio",
      ".status",
      "twilio-status",
      "twilio status",
      `a${"b".repeat(64)}`,
    ])
      expect(await insert(type), type).toMatchObject({ ok: false, code: "23514" });
  });
});
