import { SIGNATURE_WINDOW_SECONDS } from "../../contracts/signing/request-signature.ts";
import type { Tx } from "../../platform/db.ts";
import { callerTrusted } from "./caller-trust.ts";

/**
 * What every functions/bridge request is checked against: its nonce has not been seen before, and
 * the call session it names exists and is still live. Run both in one transaction so a refused request
 * leaves nothing behind.
 */
export interface BridgeSession {
  id: string;
  accountId: string;
  /** Null once the line is removed; such a session counts as ended. */
  lineId: string | null;
  direction: "inbound" | "outbound";
  status: string;
  /** When the conversation started: answered, else started; null before either. */
  connectedAt: Date | null;
  /** Twilio ended it, or the Worker already reported its end. */
  ended: boolean;
  /** A call we placed, or an inbound call whose caller ID was A-attested (see caller-trust.ts). */
  callerTrusted: boolean;
}

/** A live session: the only kind tools, context, minutes and opt-out act on. */
export type ActiveSession = BridgeSession & { lineId: string; ended: false };

export function isActive(session: BridgeSession): session is ActiveSession {
  return !session.ended && session.lineId !== null;
}

/** Records a signed request's nonce as used; false when it was used before (a replay). */
export async function claimRequestNonce(tx: Tx, nonce: string, signedAtSeconds: number): Promise<boolean> {
  // Kept until the signature could no longer verify anyway; older rows are swept here, cheaply, by index.
  const expiresAt = new Date((signedAtSeconds + SIGNATURE_WINDOW_SECONDS) * 1000);
  await tx`delete from public.ultaura_bridge_request_nonces where expires_at < now() - interval '1 minute'`;
  const rows = await tx`
    insert into public.ultaura_bridge_request_nonces (nonce, purpose, expires_at)
    values (${nonce}, 'bridge', ${expiresAt})
    on conflict (nonce) do nothing
    returning nonce`;
  return rows.length === 1;
}

interface SessionRow {
  id: string;
  account_id: string;
  line_id: string | null;
  direction: "inbound" | "outbound";
  status: string;
  connected_at: Date | null;
  ended: boolean;
  caller_trust: string;
}

/** The session, or null when there is none with that id. */
export async function loadBridgeSession(tx: Tx, sessionId: string): Promise<BridgeSession | null> {
  const [row] = await tx<SessionRow[]>`
    select s.id, s.account_id, s.line_id, s.direction, s.status::text as status,
      coalesce(s.answered_at, s.started_at) as connected_at, s.caller_trust,
      public.ultaura_call_session_over(s) as ended
    from public.ultaura_call_sessions s
    where s.id = ${sessionId}`;
  if (!row) return null;
  return {
    id: row.id,
    accountId: row.account_id,
    lineId: row.line_id,
    direction: row.direction,
    status: row.status,
    connectedAt: row.connected_at,
    ended: row.ended,
    callerTrusted: callerTrusted(row.direction, row.caller_trust),
  };
}
