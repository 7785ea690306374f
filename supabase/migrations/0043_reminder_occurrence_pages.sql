/*
  0043: the family's reminder activity (issue 24) — GET /reminder-occurrences[?lineId] pages a line's or an
  account's occurrences newest first on the keyset (occurrence_at desc, id desc), like 0031's indexes for
  calls, safety events and schedule runs: a page is read from the index and stops at its LIMIT instead of
  sorting every occurrence a line or an account ever had. The account index also serves the RLS policy
  (0039), which filters by account_id. The line index replaces 0039's, which stopped short of the id.
*/
drop index if exists public.ultaura_reminder_occurrences_line_idx;
create index if not exists ultaura_reminder_occurrences_line_page_idx
  on public.ultaura_reminder_occurrences (line_id, occurrence_at desc, id desc);
create index if not exists ultaura_reminder_occurrences_account_page_idx
  on public.ultaura_reminder_occurrences (account_id, occurrence_at desc, id desc);
