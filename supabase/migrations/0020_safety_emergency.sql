/*
  0020 safety emergency — a fifth safety tier, `emergency`: a fall with no way up, chest pain, stroke signs,
  not being able to breathe, someone unresponsive. The transcript backstop raises it; the model is told at
  once to urge 911 and the line's trusted contacts opted in to the high tier are texted. Ordered after
  `high`, so `greatest()` and `order by tier desc` put it first.

  `ultaura_call_sessions.safety_tier` flags a call in the family's activity with the most severe tier of
  its safety events (null when none); written only by the service paths that log those events.
*/

alter type public.ultaura_safety_tier add value if not exists 'emergency' after 'high';

alter table public.ultaura_call_sessions add column if not exists safety_tier public.ultaura_safety_tier;
comment on column public.ultaura_call_sessions.safety_tier is
  'Most severe safety tier noticed on this call (null when none); flags the call in the family''s activity.';

-- Restated so this migration documents who may read and write the new column: members read their
-- accounts' calls (RLS, 0008), only service paths write.
revoke all on public.ultaura_call_sessions from anon, authenticated;
grant select on public.ultaura_call_sessions to authenticated;
grant all on public.ultaura_call_sessions to service_role;
