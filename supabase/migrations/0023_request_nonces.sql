/*
  0023 replay protection keyed on the nonce — signed service requests (issue 10) now carry a random
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
