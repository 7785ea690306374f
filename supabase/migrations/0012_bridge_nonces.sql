/*
  0012 bridge replay protection — signatures of signed service-to-service requests (bridge Worker →
  functions/bridge) already accepted. A signature is valid for ±300 s, so a row needs keeping only until
  `expires_at`; inserting a signature that exists means a replay. Service paths only.
*/

/* ultaura_bridge_request_nonces — accepted request signatures until they could no longer verify anyway. */
create table if not exists public.ultaura_bridge_request_nonces (
  signature text primary key check (length(signature) between 16 and 200),
  purpose text not null check (purpose ~ '^[a-z_]{1,40}$'),
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index if not exists ultaura_bridge_request_nonces_expiry_idx on public.ultaura_bridge_request_nonces (expires_at);

alter table public.ultaura_bridge_request_nonces enable row level security;

/* No member or anon policy or grant: only the bridge function's service path touches this table. */
grant all on public.ultaura_bridge_request_nonces to service_role;
