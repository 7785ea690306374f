/*
  0032 scale statistics — a line belongs to one account, but the planner does not know it: on a line's
  page (`… where line_id = $1`, under the RLS filter `account_id = any (<the caller's accounts>)`) it
  multiplied the two selectivities, expected a handful of rows where a line has a year of them (hundreds),
  and chose to read them all and sort (a BitmapAnd of the line and account indexes) instead of reading the
  line's index in page order and stopping at LIMIT. Functional-dependency statistics on (line_id,
  account_id) tell it that the account adds nothing once the line is known. Measured on the scale seed
  (1,000 families), a line's schedule runs page: 326 buffers and a top-N sort of 294 rows before, 26 rows
  read in index order after.
*/
create statistics if not exists public.ultaura_call_sessions_line_account_stats (dependencies)
  on line_id, account_id from public.ultaura_call_sessions;
create statistics if not exists public.ultaura_safety_events_line_account_stats (dependencies)
  on line_id, account_id from public.ultaura_safety_events;
create statistics if not exists public.ultaura_schedule_runs_line_account_stats (dependencies)
  on line_id, account_id from public.ultaura_schedule_runs;
create statistics if not exists public.ultaura_memories_line_account_stats (dependencies)
  on line_id, account_id from public.ultaura_memories;

analyze public.ultaura_call_sessions;
analyze public.ultaura_safety_events;
analyze public.ultaura_schedule_runs;
analyze public.ultaura_memories;
