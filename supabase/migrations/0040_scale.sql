/*
  0040 at scale (issue 26).

  The call events' type CHECK said `^[a-z][a-z0-9_.]{0,63}$`: PostgreSQL's regex engine unrolls a
  bounded repeat into 63 states, and the check cost 8.7 µs a row (1,000,000 rows: 8.3 s against 1.1 s for
  the form below) — most of the time spent writing a year of events for the scale seed, and on every live
  event insert. Same rule, written as an unbounded repeat and a length.
*/
alter table public.ultaura_call_events drop constraint ultaura_call_events_type_check;
alter table public.ultaura_call_events add constraint ultaura_call_events_type_check
  check (type ~ '^[a-z][a-z0-9_.]*$' and char_length(type) <= 64) not valid;
alter table public.ultaura_call_events validate constraint ultaura_call_events_type_check;
