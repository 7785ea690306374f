import { beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../supabase/seed-ids.ts";
import { type Actor, useTestDatabase } from "../support/kit.ts";

/**
 * Issue 21 (0036): no one writes a trusted contact's `alerts_opted_in_at` through the API roles — neither the
 * owner nor a plain member, over REST as role `authenticated`. Only a recorded `trusted_contact_alerts`
 * consent (the family member's attestation, in their own name) sets or clears it, and only for a contact of
 * the consent's own account.
 */
const database = useTestDatabase();
const A = SEED.accounts.demo;
const ROSE = SEED.lines.rose;
const DANIEL = SEED.trustedContactDaniel;
const OWNER: Actor = { userId: SEED.users.demo.id };
// The paid family's owner, invited into the demo family as a plain member.
const MEMBER: Actor = { userId: SEED.users.paid.id };

beforeEach(async () => {
  await database.resetData();
  await database.db.sql`
    insert into public.ultaura_account_members (account_id, user_id, role) values (${A}, ${SEED.users.paid.id}, 'member')`;
});

const optedIn = async (contactId: string) =>
  (
    await database.db.sql<{ at: Date | null }[]>`
      select alerts_opted_in_at as at from public.ultaura_trusted_contacts where id = ${contactId}`
  )[0]?.at ?? null;

const consent = (actor: Actor & object, contactId: string, granted: boolean, account = A, line = ROSE) =>
  `insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, trusted_contact_id)
   values ('${account}', '${line}', 'trusted_contact_alerts', ${granted}, 'web', '${actor.userId}', '${contactId}')`;

describe("a trusted contact's opt-in, written as role authenticated", () => {
  it.each([
    ["the owner", OWNER],
    ["a member", MEMBER],
  ])("%s cannot set or clear it directly, on insert or update", async (_who, actor) => {
    for (const query of [
      `insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on, alerts_opted_in_at)
       values ('${A}', '${ROSE}', 'Unasked', '+15555550167', '{high}', now())`,
      `update public.ultaura_trusted_contacts set alerts_opted_in_at = now() where id = '${DANIEL}'`,
      `update public.ultaura_trusted_contacts set alerts_opted_in_at = null where id = '${DANIEL}'`,
    ]) {
      expect(await database.attempt(actor, query), query).toMatchObject({ ok: false, code: "42501" });
    }
    // Every other field of the contact is still theirs to edit.
    expect(
      await database.attempt(
        actor,
        `update public.ultaura_trusted_contacts set name = 'Dan' where id = '${DANIEL}'`,
      ),
    ).toMatchObject({ ok: true, count: 1 });
  });

  it("follows the consent a member records: a yes sets it to the consent's time, a no clears it", async () => {
    const member = MEMBER as Actor & object;
    const [contact] = await database.asUser(
      member.userId,
      (tx) => tx<{ id: string }[]>`
        insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on)
        values (${A}, ${ROSE}, 'June', '+15555550188', '{high}') returning id`,
    );
    const id = contact?.id ?? "";
    expect(await optedIn(id)).toBeNull();

    await database.asUser(member.userId, (tx) => tx.unsafe(consent(member, id, true)));
    const [yes] = await database.db.sql<{ created_at: Date }[]>`
      select created_at from public.ultaura_consents where trusted_contact_id = ${id} and granted`;
    expect(await optedIn(id)).toEqual(yes?.created_at);

    await database.asUser(member.userId, (tx) => tx.unsafe(consent(member, id, false)));
    expect(await optedIn(id)).toBeNull();
  });

  it("cannot opt in another family's contact through a consent naming it", async () => {
    const [stranger] = await database.db.sql<{ id: string }[]>`
      insert into public.ultaura_trusted_contacts (account_id, line_id, name, phone_e164, notify_on)
      values (${SEED.accounts.paid}, ${SEED.lines.paid}, 'Not yours', '+15555550177', '{high}') returning id`;
    // The demo family's owner names the paid family's contact in a consent for the demo account: the consent's
    // contact must be of its own account (a foreign key), and the opt-in stays unset.
    const outcome = await database.attempt(OWNER, consent(OWNER as Actor & object, stranger?.id ?? "", true));
    expect(outcome).toMatchObject({ ok: false, code: "23503" });
    expect(await optedIn(stranger?.id ?? "")).toBeNull();
  });
});
