import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { useTestDatabase } from "../support/kit.ts";

/**
 * Re-enabling calls after the person's own opt-out is the owner's decision, also for a member who calls
 * `ultaura_reenable_calls` straight through the REST API (PostgREST rpc) rather than through functions/api.
 */
const database = useTestDatabase();
const ROSE = SEED.lines.rose;
const OWNER = SEED.users.demo.id;
// The paid family's owner, invited into the demo family as a plain member.
const MEMBER = SEED.users.paid.id;

beforeEach(async () => {
  await database.resetData();
  await database.db.sql`
    insert into public.ultaura_account_members (account_id, user_id, role) values (${SEED.accounts.demo}, ${MEMBER}, 'member')`;
  await database.db.sql`
    insert into public.ultaura_opt_outs (account_id, line_id, source) values (${SEED.accounts.demo}, ${ROSE}, 'voice')`;
});

const doNotCall = async () =>
  (await database.db.sql`select do_not_call from public.ultaura_lines where id = ${ROSE}`)[0]?.do_not_call;

describe("ultaura_reenable_calls", () => {
  it("refuses a member who is not the owner (42501) and changes nothing", async () => {
    const outcome = await database.attempt(
      { userId: MEMBER },
      `select public.ultaura_reenable_calls('${ROSE}', 'I think she wants calls again')`,
    );
    expect(outcome).toMatchObject({ ok: false, code: "42501" });
    expect(await doNotCall()).toBe(true);
    const consents = await database.db
      .sql`select 1 from public.ultaura_consents where line_id = ${ROSE} and kind = 'reenable_calls'`;
    expect(consents).toHaveLength(0);
  });

  it("lets the owner, recording who and why", async () => {
    await database.asUser(OWNER, (tx) => tx`select public.ultaura_reenable_calls(${ROSE}, 'Rose asked us')`);
    expect(await doNotCall()).toBe(false);
    const consents = await database.db.sql`
      select granted_by_user_id, note from public.ultaura_consents where line_id = ${ROSE} and kind = 'reenable_calls'`;
    expect(consents).toEqual([{ granted_by_user_id: OWNER, note: "Rose asked us" }]);
  });
});
