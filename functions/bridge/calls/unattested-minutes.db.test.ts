import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../../tests/support/kit.ts";
import { loadMinutesStatus } from "./minutes-left.ts";

/** An unattested caller (the caller ID may be spoofed) talks only within the included minutes and a length cap. */
const testDb = useTestDatabase();
beforeEach(() => testDb.resetData());

describe("an unattested call's minutes", () => {
  it("counts down to the included minutes or the length cap, whichever is first; trusted calls run on", async () => {
    const t0 = new Date();
    const status = (callerTrusted: boolean, atSeconds: number, cap: number) =>
      testDb.db.asService((tx) =>
        loadMinutesStatus(
          tx,
          { accountId: SEED.accounts.paid, connectedAt: t0, callerTrusted },
          new Date(t0.getTime() + atSeconds * 1000),
          cap,
        ),
      );
    // The care plan has 5 included minutes left and no spending cap.
    expect(await status(true, 0, 600)).toEqual({
      planKind: "paid",
      secondsRemaining: null,
      hardCutoff: false,
    });
    expect(await status(false, 0, 600)).toEqual({
      planKind: "paid",
      secondsRemaining: 300,
      hardCutoff: true,
    });
    expect((await status(false, 60, 120)).secondsRemaining).toBe(60);
    expect((await status(false, 200, 120)).secondsRemaining).toBe(0);
    // Pay-as-you-go includes no minutes: an unattested call has none.
    await testDb.db
      .sql`update ultaura_accounts set plan_id = 'payg', minutes_included = 0 where id = ${SEED.accounts.paid}`;
    expect((await status(false, 0, 600)).secondsRemaining).toBe(0);
  });
});
