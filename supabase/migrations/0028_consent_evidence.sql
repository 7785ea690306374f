/*
  0028 consent evidence (issue 21): a trusted contact's agreement to safety texts was given for their
  number. A consent row for a contact records the contact's number (0026 recorded the line's); changing a
  contact's number clears their opt-in so the family must ask again; the alert path
  (functions/bridge/safety/events.ts) texts a contact only while their newest consent row is a yes for the
  number they have now — a timestamp a member can write through REST is not evidence.
*/

create or replace function public.ultaura_bind_consent_number() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if new.trusted_contact_id is not null then
    select phone_e164 into new.phone_e164 from public.ultaura_trusted_contacts where id = new.trusted_contact_id;
  elsif new.line_id is not null then
    select phone_e164 into new.phone_e164 from public.ultaura_lines where id = new.line_id;
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_consents_bind_number on public.ultaura_consents;
create trigger ultaura_consents_bind_number before insert on public.ultaura_consents
  for each row execute function public.ultaura_bind_consent_number();

update public.ultaura_consents c set phone_e164 = t.phone_e164
from public.ultaura_trusted_contacts t
where c.trusted_contact_id = t.id and c.phone_e164 is distinct from t.phone_e164;

/* A new number has not agreed to anything: the opt-in goes unless the same write sets a fresh one. */
create or replace function public.ultaura_contact_number_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.phone_e164 is distinct from old.phone_e164
    and new.alerts_opted_in_at is not distinct from old.alerts_opted_in_at then
    new.alerts_opted_in_at := null;
  end if;
  return new;
end;
$$;

drop trigger if exists ultaura_trusted_contacts_number_change on public.ultaura_trusted_contacts;
create trigger ultaura_trusted_contacts_number_change before update of phone_e164 on public.ultaura_trusted_contacts
  for each row execute function public.ultaura_contact_number_change();

revoke all on function public.ultaura_bind_consent_number() from public, anon, authenticated;
revoke all on function public.ultaura_contact_number_change() from public, anon, authenticated;
