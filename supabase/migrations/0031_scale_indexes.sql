/*
  0031 scale indexes — one index for each way the family API reads a year of history (measured with
  `npm run bench api` on `npm run seed:scale`), each in the order the API pages it, keyset cursor
  included, so a page is read from the index and stops at its LIMIT instead of sorting every row a line
  or an account ever had:

    calls         GET /calls[?lineId]          (account_id | line_id, created_at desc, id desc)
    safety events GET /safety-events[?lineId]  (account_id | line_id, created_at desc, id desc)
    schedule runs GET /schedule-runs[?lineId]  (account_id | line_id, occurrence_at desc, attempt desc, id desc)
    contacts      GET /lines/{id}/contacts     (line_id, created_at, id)

  The account_id indexes also serve the RLS policies (0030), which filter every table by account_id.
  The indexes they replace led with the same columns but stopped short of the sort key.
*/
drop index if exists public.ultaura_call_sessions_line_idx;
drop index if exists public.ultaura_call_sessions_account_idx;
create index if not exists ultaura_call_sessions_line_page_idx
  on public.ultaura_call_sessions (line_id, created_at desc, id desc);
create index if not exists ultaura_call_sessions_account_page_idx
  on public.ultaura_call_sessions (account_id, created_at desc, id desc);

drop index if exists public.ultaura_safety_events_line_idx;
create index if not exists ultaura_safety_events_line_page_idx
  on public.ultaura_safety_events (line_id, created_at desc, id desc);
create index if not exists ultaura_safety_events_account_page_idx
  on public.ultaura_safety_events (account_id, created_at desc, id desc);

drop index if exists public.ultaura_schedule_runs_line_idx;
drop index if exists public.ultaura_schedule_runs_account_idx;
create index if not exists ultaura_schedule_runs_line_page_idx
  on public.ultaura_schedule_runs (line_id, occurrence_at desc, attempt desc, id desc);
create index if not exists ultaura_schedule_runs_account_page_idx
  on public.ultaura_schedule_runs (account_id, occurrence_at desc, attempt desc, id desc);

create index if not exists ultaura_trusted_contacts_line_idx
  on public.ultaura_trusted_contacts (line_id, created_at, id);
