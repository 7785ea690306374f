import type { Tx } from "../../_shared/platform/db.ts";

/**
 * The person's own answer to "may I remember what we talk about?", from the consent log (newest row of
 * kind `memory` wins). Nothing is stored before a yes; after a no the question may come again only once
 * a month has passed.
 */
export type MemoryConsent =
  | { state: "granted"; since: Date }
  | { state: "denied"; since: Date; mayAskAgain: boolean }
  | { state: "unknown" };

const ASK_AGAIN_AFTER_DAYS = 30;

export function memoryConsentFrom(
  latest: { granted: boolean; created_at: Date } | null,
  now: Date,
): MemoryConsent {
  if (!latest) return { state: "unknown" };
  if (latest.granted) return { state: "granted", since: latest.created_at };
  const ageDays = (now.getTime() - latest.created_at.getTime()) / 86_400_000;
  return { state: "denied", since: latest.created_at, mayAskAgain: ageDays >= ASK_AGAIN_AFTER_DAYS };
}

export async function loadMemoryConsent(tx: Tx, lineId: string, now: Date): Promise<MemoryConsent> {
  const [latest] = await tx<{ granted: boolean; created_at: Date }[]>`
    select c.granted, c.created_at from public.ultaura_consents c
    join public.ultaura_lines l on l.id = c.line_id and l.phone_verified_at is not null
    where c.line_id = ${lineId} and c.kind = 'memory' and c.phone_e164 = l.phone_e164
    order by c.created_at desc, c.id desc
    limit 1`;
  return memoryConsentFrom(latest ?? null, now);
}

/**
 * Appends the answer with the call as its evidence, bound to the line's number (migration 0026). A yes on
 * a new number does not re-bind private memories or health notes: whoever holds the new phone can say yes.
 */
export async function recordMemoryConsent(
  tx: Tx,
  session: { id: string; accountId: string; lineId: string },
  granted: boolean,
): Promise<void> {
  await tx`
    insert into public.ultaura_consents (account_id, line_id, kind, granted, source, call_session_id, note)
    values (${session.accountId}, ${session.lineId}, 'memory', ${granted}, 'voice', ${session.id},
      ${granted ? "Agreed on a call to be remembered" : "Declined on a call to be remembered"})`;
}
