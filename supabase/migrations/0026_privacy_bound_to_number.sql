/*
  0026 privacy follows the person's verified number (issue 21).

  What a person asked us to keep private was told to us on their phone number, not on an editable row: a
  family member who repoints the line to their own number, verifies it with their own phone and presses
  "Call now" must not be read the private memories and health notes, nor have `recall_memory` find them.

  So each memory and each consent records the number it was given on (`phone_e164`, the E.164 already stored
  on the line — a keyed hash would add nothing here, since the line row holds the number in clear). The AI's
  view of a line (functions/_shared/domain/memory/store.ts `listLineMemories`) shows private memories and
  health notes only while the line's *verified* number is the one they were bound to, and memory consent
  (functions/bridge/memory/consent.ts) counts only rows of that number. They come back when that number is
  verified again, or when the person agrees again by voice on the new number (the consent tool then re-binds
  them). A number change is the owner's alone, is written as a notice every member reads in the app, and
  leaves the line unverified (0004), which the dialler already refuses: the schedules pause until the new
  number is verified.
*/

alter table public.ultaura_memories add column if not exists phone_e164 public.ultaura_e164;
alter table public.ultaura_consents add column if not exists phone_e164 public.ultaura_e164;

update public.ultaura_memories m set phone_e164 = l.phone_e164
from public.ultaura_lines l where l.id = m.line_id and m.phone_e164 is null;
update public.ultaura_consents c set phone_e164 = l.phone_e164
from public.ultaura_lines l where l.id = c.line_id and c.phone_e164 is null;

alter table public.ultaura_memories alter column phone_e164 set not null;

/*
  A new memory or consent is bound to the line's number at that moment, whoever writes it: the writer
  cannot choose another number (the column is not granted to members, and the trigger overrides it).
  Security definer: the line must be read whatever RLS lets the writer see.
*/
create or replace function public.ultaura_bind_to_line_number() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  select phone_e164 into new.phone_e164 from public.ultaura_lines where id = new.line_id;
  return new;
end;
$$;

drop trigger if exists ultaura_memories_bind_number on public.ultaura_memories;
create trigger ultaura_memories_bind_number before insert on public.ultaura_memories
  for each row execute function public.ultaura_bind_to_line_number();

-- Consents keep their number even once 0027 lets the line go; the binding applies when a line exists.
drop trigger if exists ultaura_consents_bind_number on public.ultaura_consents;
create trigger ultaura_consents_bind_number before insert on public.ultaura_consents
  for each row when (new.line_id is not null)
  execute function public.ultaura_bind_to_line_number();

/*
  ultaura_line_notices — what happened to a line that every member must hear about, shown in the app.
  Today one kind: `number_changed` (who changed it, from which number to which). Written only by the
  trigger below; members read their accounts' notices.
*/
create table if not exists public.ultaura_line_notices (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.ultaura_accounts (id) on delete cascade,
  line_id uuid not null,
  kind text not null check (kind in ('number_changed')),
  old_phone_e164 public.ultaura_e164,
  new_phone_e164 public.ultaura_e164,
  changed_by_user_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  foreign key (line_id, account_id) references public.ultaura_lines (id, account_id) on delete cascade
);
create index if not exists ultaura_line_notices_line_idx on public.ultaura_line_notices (line_id, created_at desc);

/*
  A number change is the owner's alone — members write lines through the REST interface too, so the API's
  check is not enough. Service paths (no JWT claims) pass. Every change leaves a notice.
*/
create or replace function public.ultaura_guard_number_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.phone_e164 is not distinct from old.phone_e164 then
    return new;
  end if;
  if auth.uid() is not null and not public.ultaura_is_account_owner(old.account_id) then
    raise exception 'only the account owner can change the number' using errcode = '42501';
  end if;
  insert into public.ultaura_line_notices (account_id, line_id, kind, old_phone_e164, new_phone_e164, changed_by_user_id)
  values (old.account_id, old.id, 'number_changed', old.phone_e164, new.phone_e164, auth.uid());
  return new;
end;
$$;

drop trigger if exists ultaura_lines_guard_number_change on public.ultaura_lines;
create trigger ultaura_lines_guard_number_change before update of phone_e164 on public.ultaura_lines
  for each row execute function public.ultaura_guard_number_change();

revoke all on function public.ultaura_bind_to_line_number() from public, anon, authenticated;
revoke all on function public.ultaura_guard_number_change() from public, anon, authenticated;

alter table public.ultaura_line_notices enable row level security;

/* Policy "notices: members read their accounts' line notices". */
drop policy if exists "notices: members read their accounts' line notices" on public.ultaura_line_notices;
create policy "notices: members read their accounts' line notices" on public.ultaura_line_notices
  for select to authenticated using (public.ultaura_is_account_member(account_id));

/* Grants: revoke first, then grant explicitly. Members read; only the trigger writes. */
revoke all on public.ultaura_line_notices from anon, authenticated;
grant select on public.ultaura_line_notices to authenticated;
grant all on public.ultaura_line_notices to service_role;
