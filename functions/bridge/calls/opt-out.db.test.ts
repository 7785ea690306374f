import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../../supabase/seed-ids.ts";
import { useTestDatabase } from "../../../tests/support/database.ts";
import { optOutFromCall } from "./opt-out.ts";

const t = useTestDatabase();

async function liveCall(lineId: string, accountId: string) {
  const [row] = await t.db.sql<{ id: string }[]>`
    insert into public.ultaura_call_sessions (account_id, line_id, direction, status, started_at)
    values (${accountId}, ${lineId}, 'outbound', 'in_progress', now()) returning id`;
  return { id: row?.id as string, accountId, lineId };
}

describe("optOutFromCall", () => {
  beforeEach(() => t.resetData());

  it.each(["voice", "dtmf"] as const)(
    "by %s: one opt-out with the call as evidence, one call event, pending calls cancelled, once per call",
    async (source) => {
      const session = await liveCall(SEED.lines.rose, SEED.accounts.demo);
      const [pending] = await t.db.sql<{ id: string }[]>`
        insert into public.ultaura_call_sessions (account_id, line_id, direction, status)
        values (${SEED.accounts.demo}, ${SEED.lines.rose}, 'outbound', 'created') returning id`;

      const first = await t.db.asService((tx) => optOutFromCall(tx, session, source));
      expect(first).toEqual({ recorded: true, cancelledCalls: 1 });
      const again = await t.db.asService((tx) => optOutFromCall(tx, session, source));
      expect(again).toEqual({ recorded: false, cancelledCalls: 0 });

      const optOuts = await t.db
        .sql`select source, call_session_id from public.ultaura_opt_outs where line_id = ${SEED.lines.rose}`;
      expect(optOuts).toEqual([{ source, call_session_id: session.id }]);
      const events = await t.db
        .sql`select type, payload from public.ultaura_call_events where call_session_id = ${session.id}`;
      expect(events).toEqual([{ type: "bridge.opt_out", payload: { source, cancelledCalls: 1 } }]);
      const [line] = await t.db
        .sql`select do_not_call from public.ultaura_lines where id = ${SEED.lines.rose}`;
      expect(line?.do_not_call).toBe(true);
      const [cancelled] = await t.db
        .sql`select status, end_reason from public.ultaura_call_sessions where id = ${pending?.id ?? ""}`;
      expect(cancelled).toEqual({ status: "canceled", end_reason: "opt_out" });
    },
  );
});
