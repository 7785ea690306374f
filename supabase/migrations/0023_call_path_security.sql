/*
  0023 call path security. Replay protection keyed on the nonce — signed service requests (issue 10) now carry a random
  nonce and are signed over purpose, method, path with query, timestamp, nonce and the body's SHA-256.
  The replay record is that nonce: two requests with the same body in the same second (another session,
  another route) no longer collide, and a refused request still leaves no row. Rows made under the old
  scheme (keyed on the signature) can never match a nonce and expire within 300 s, so they are dropped.
*/
truncate public.ultaura_bridge_request_nonces;
alter table public.ultaura_bridge_request_nonces rename column signature to nonce;
alter table public.ultaura_bridge_request_nonces
  drop constraint if exists ultaura_bridge_request_nonces_signature_check;
alter table public.ultaura_bridge_request_nonces
  add constraint ultaura_bridge_request_nonces_nonce_check check (nonce ~ '^[0-9a-f]{32}$');

/* Service paths only: no member or anon grant (revoked first, then granted to the service role). */
revoke all on public.ultaura_bridge_request_nonces from anon, authenticated;
grant all on public.ultaura_bridge_request_nonces to service_role;

/*
  Caller-ID trust (issue 10): caller ID alone is spoofable. An inbound call is trusted only when Twilio's
  signed `StirVerstat` is `TN-Validation-Passed-A` (the originating carrier vouched for the number); every
  other inbound call is `unattested` and gets a call without private memories, health notes or the
  memory-changing tools. Calls we placed are trusted by direction. `caller_verstat` is what Twilio sent
  (null when absent), kept as the record; `caller_trust` is the decision.
*/
alter table public.ultaura_call_sessions
  add column if not exists caller_verstat text
    check (caller_verstat is null or caller_verstat ~ '^[A-Za-z0-9-]{1,64}$'),
  add column if not exists caller_trust text not null default 'unattested'
    check (caller_trust in ('attested', 'unattested'));
