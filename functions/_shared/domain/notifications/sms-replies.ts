import type { Tx } from "../../platform/db.ts";
import { copyFor } from "../copy/index.ts";
import type { Language } from "../copy/types.ts";
import { NOTICE_KINDS, type NoticeKind } from "./kinds.ts";

/**
 * An SMS reply to our number (issue 22): the carriers' opt-out keywords stop the kind of text last sent to
 * that number (every kind when we never texted it), the opt-in keywords resume them all. Anything else is
 * not ours to answer. Returns the reply to text back, or null.
 */
const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ALTO", "PARAR"]);
const START_WORDS = new Set(["START", "UNSTOP", "YES", "SUBSCRIBE"]);

export type SmsKeyword = "stop" | "start";

/** The keyword a reply is, judged as carriers do: the whole message, case and punctuation aside. */
export function smsKeyword(body: string): SmsKeyword | null {
  const word = body
    .trim()
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
  if (STOP_WORDS.has(word)) return "stop";
  if (START_WORDS.has(word)) return "start";
  return null;
}

export type SmsReplyOutcome =
  | { kind: "stopped"; stopped: NoticeKind[]; reply: string }
  | { kind: "resumed"; reply: string }
  | { kind: "ignored" };

export async function applySmsReply(tx: Tx, from: string, body: string): Promise<SmsReplyOutcome> {
  const keyword = smsKeyword(body);
  if (!keyword) return { kind: "ignored" };
  const copy = copyFor(await languageFor(tx, from));
  if (keyword === "start") {
    await tx`delete from public.ultaura_sms_opt_outs where phone_e164 = ${from}`;
    return { kind: "resumed", reply: copy.careCircle.resumed };
  }
  const [last] = await tx<{ kind: NoticeKind }[]>`
    select kind from public.ultaura_sms_log where phone_e164 = ${from} order by created_at desc limit 1`;
  const stopped: NoticeKind[] = last ? [last.kind] : [...NOTICE_KINDS];
  await tx`
    insert into public.ultaura_sms_opt_outs (phone_e164, kind)
    select ${from}, unnest(${stopped}::text[])
    on conflict (phone_e164, kind) do nothing`;
  const name = last ? copy.careCircle.kindNames[last.kind] : copy.careCircle.allTexts;
  return { kind: "stopped", stopped, reply: copy.careCircle.stopped(name) };
}

/** A member's own language for their number; a trusted contact's line's language; else English. */
async function languageFor(tx: Tx, phone: string): Promise<Language> {
  const [row] = await tx<{ language: string }[]>`
    select language from public.ultaura_member_notification_settings where phone_e164 = ${phone}
    union all
    select case when l.language like 'es%' then 'es' else 'en' end from public.ultaura_trusted_contacts t
      join public.ultaura_lines l on l.id = t.line_id where t.phone_e164 = ${phone}
    limit 1`;
  return row?.language === "es" ? "es" : "en";
}
