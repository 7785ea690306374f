/*
  0029 open sessions — the scheduler's sweep (functions/scheduler/sweep.ts) looks every tick for call
  sessions still open past a limit (no final status callback, no end report) and closes them from Twilio's
  REST API. This partial index keeps that look cheap however many ended sessions there are.
*/

create index if not exists ultaura_call_sessions_open_idx
  on public.ultaura_call_sessions (created_at)
  where ended_at is null;
