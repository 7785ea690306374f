/*
  0043: the family's reminder activity (issue 24). GET /reminder-occurrences lists the occurrences of every
  line of the member's accounts; under RLS PostgreSQL reads it from the member's reminders (the policy's
  `account_id = any(ultaura_my_account_ids())`), then each reminder's occurrences by the (reminder_id,
  occurrence_at) key. Without an index on the reminders' account_id that first step was a sequential scan
  of every family's reminders: 15 ms a page with 44,000 reminders, 0.5 ms with this index (EXPLAIN ANALYZE,
  800,000 occurrences). An occurrences index on (account_id, occurrence_at desc, id desc) was measured too
  and not chosen: the planner still drives from the reminders, and `= any(array)` cannot give index order.
*/
create index if not exists ultaura_reminders_account_idx on public.ultaura_reminders (account_id);
