/*
  0027 "stop calling me" is kept by number (issue 21).

  An opt-out lived on the line row: deleting the line (the cascade took the opt-out and consent rows with
  it), re-adding the number and verifying it rang the person again, with no re-enable on record; on plans
  with two lines a member could move the old line to another number and add the original number on a new
  line. Now:
  - opt-outs and consents outlive their line (`on delete set null (line_id)`, the number kept); a consent
    outlives its trusted contact the same way;
  - a line's `do_not_call` is derived from the record, whoever writes the line: it holds while an unresolved
    opt-out exists for the line or for its number, on any account's line;
  - only `ultaura_reenable_calls` (the owner, with a note) resolves opt-outs, its own account's ones for
    the line and for the line's number; another family's opt-out for the same number keeps the line stopped.
  The dialler and the verification send also read the record directly (functions/_shared/domain/dialling,
  functions/api/verification).
*/

alter table public.ultaura_opt_outs alter column line_id drop not null;
alter table public.ultaura_opt_outs drop constraint if exists ultaura_opt_outs_line_id_account_id_fkey;
alter table public.ultaura_opt_outs add constraint ultaura_opt_outs_line_id_account_id_fkey
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete set null (line_id);

alter table public.ultaura_consents alter column line_id drop not null;
alter table public.ultaura_consents drop constraint if exists ultaura_consents_line_id_account_id_fkey;
alter table public.ultaura_consents add constraint ultaura_consents_line_id_account_id_fkey
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete set null (line_id);
alter table public.ultaura_consents drop constraint if exists ultaura_consents_trusted_contact_id_account_id_fkey;
alter table public.ultaura_consents add constraint ultaura_consents_trusted_contact_id_account_id_fkey
  foreign key (trusted_contact_id, account_id) references public.ultaura_trusted_contacts (id, account_id)
  on delete set null (trusted_contact_id);
-- A contact's consent row stays after the contact is removed, so "contact ⇔ alerts kind" becomes "⇒".
alter table public.ultaura_consents drop constraint if exists ultaura_consents_check;
alter table public.ultaura_consents add constraint ultaura_consents_check
  check (kind = 'trusted_contact_alerts' or trusted_contact_id is null);

/* Whether an unresolved opt-out stops calls to this line or this number (any account's). */
create or replace function public.ultaura_opted_out(p_line_id uuid, p_phone public.ultaura_e164) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.ultaura_opt_outs o
    where o.resolved_at is null and (o.phone_e164 = p_phone or o.line_id = p_line_id)
  );
$$;

/* An opt-out records the number its line has now (before insert)… */
create or replace function public.ultaura_apply_opt_out() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  select phone_e164 into new.phone_e164 from public.ultaura_lines
  where id = new.line_id and account_id = new.account_id;
  if new.phone_e164 is null then
    raise exception 'an opt-out needs its line' using errcode = '23502';
  end if;
  return new;
end;
$$;

/* …and, once written, stops every line with that number at once, on any account (after insert). */
create or replace function public.ultaura_stop_lines_for_opt_out() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.ultaura_lines set do_not_call = true where phone_e164 = new.phone_e164 or id = new.line_id;
  return null;
end;
$$;

drop trigger if exists ultaura_opt_outs_stop_lines on public.ultaura_opt_outs;
create trigger ultaura_opt_outs_stop_lines after insert on public.ultaura_opt_outs
  for each row execute function public.ultaura_stop_lines_for_opt_out();

/*
  A line added with, or moved to, a number under an opt-out is stopped from the first moment, and the flag
  cannot be cleared while the record holds. A new number is judged afresh by the record (a line's own
  opt-outs still count); setting the flag is always allowed.
*/
create or replace function public.ultaura_derive_do_not_call() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if not new.do_not_call or (tg_op = 'UPDATE' and new.phone_e164 is distinct from old.phone_e164) then
    new.do_not_call := public.ultaura_opted_out(new.id, new.phone_e164);
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_lines_derive_do_not_call on public.ultaura_lines;
create trigger ultaura_lines_derive_do_not_call before insert or update of phone_e164, do_not_call
  on public.ultaura_lines
  for each row execute function public.ultaura_derive_do_not_call();

/*
  ultaura_reenable_calls(line, note) — as in 0006 (owner only, a note, a `reenable_calls` consent), but it
  resolves the account's opt-outs for the line and for the line's number, then derives every affected line's
  flag again: an opt-out another family recorded for this number still holds.
*/
create or replace function public.ultaura_reenable_calls(p_line_id uuid, p_note text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  v_account uuid;
  v_phone public.ultaura_e164;
begin
  select account_id, phone_e164 into v_account, v_phone from public.ultaura_lines where id = p_line_id;
  if v_account is null or not public.ultaura_is_account_member(v_account) then
    raise exception 'line not found' using errcode = 'P0002';
  end if;
  if not public.ultaura_is_account_owner(v_account) then
    raise exception 'only the account owner can re-enable calls' using errcode = '42501';
  end if;
  if p_note is null or length(trim(p_note)) = 0 then
    raise exception 'a note saying who asked is required' using errcode = '22023';
  end if;
  insert into public.ultaura_consents (account_id, line_id, kind, granted, source, granted_by_user_id, note)
  values (v_account, p_line_id, 'reenable_calls', true, 'web', auth.uid(), p_note);
  update public.ultaura_opt_outs set resolved_at = now()
  where account_id = v_account and resolved_at is null and (line_id = p_line_id or phone_e164 = v_phone);
  -- Clearing the flag re-runs the derivation: a line stays stopped while any opt-out for it remains.
  update public.ultaura_lines set do_not_call = false where id = p_line_id or phone_e164 = v_phone;
end;
$$;

revoke all on function public.ultaura_opted_out(uuid, public.ultaura_e164) from public, anon, authenticated;
revoke all on function public.ultaura_derive_do_not_call() from public, anon, authenticated;
revoke all on function public.ultaura_apply_opt_out() from public, anon, authenticated;
revoke all on function public.ultaura_stop_lines_for_opt_out() from public, anon, authenticated;
revoke all on function public.ultaura_reenable_calls(uuid, text) from public, anon, authenticated;
grant execute on function public.ultaura_reenable_calls(uuid, text) to authenticated;

update public.ultaura_lines set do_not_call = true where not do_not_call and public.ultaura_opted_out(id, phone_e164);
