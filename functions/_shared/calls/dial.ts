import type { Database, Tx } from "../adapters/db.ts";
import type { TwilioRest } from "../adapters/twilio-rest.ts";
import { type DialLine, type DialSkipReason, decideDial } from "../scheduling/dial-decision.ts";
import { recordCallEvent } from "./sessions.ts";

export type { DialSkipReason } from "../scheduling/dial-decision.ts";

/** What the dialler needs; built once per function from its settings (see `dialDepsFromEnv`). */
export interface DialDeps {
  db: Database;
  twilio: Pick<TwilioRest, "createCall">;
  /** Our Twilio number, the caller id. */
  fromNumber: string;
  /** Base Twilio reaches the Edge Functions at (FUNCTIONS_PUBLIC_URL), e.g. https://<ref>.supabase.co/functions/v1 */
  functionsPublicUrl: string;
  now?: () => Date;
  /** Seconds to let it ring before Twilio gives up with no-answer. */
  ringTimeoutSeconds?: number;
  /** Billing's overage cap. Absent → no cap. Runs inside the dial's transaction. */
  overageCapReached?: (tx: Tx, accountId: string) => Promise<boolean>;
}

export interface DialRequest {
  lineId: string;
  /** When given, the line must belong to this account (the family API's test call). */
  accountId?: string;
  /** The scheduler's run being dialled; refusals and the call are recorded on it. */
  runId?: string;
  /** A family member's test call from the dashboard. */
  isTest?: boolean;
  /** Ring even in the line's quiet hours (test calls only). */
  ignoreQuietHours?: boolean;
}

export type DialOutcome =
  | { kind: "placed"; callSessionId: string; callSid: string }
  | { kind: "skipped"; reason: DialSkipReason }
  /** A retry that fell in quiet hours, put back to run when they end. */
  | { kind: "deferred"; until: Date }
  /** Twilio refused or could not be reached; the session is ended as failed (a scheduled call retries). */
  | { kind: "failed"; callSessionId: string; message: string }
  | { kind: "not_found" };

interface RunRow {
  id: string;
  scheduleId: string;
  attempt: number;
  nextRunAt: Date | null;
}

type Prepared = { kind: "done"; outcome: DialOutcome } | { kind: "call"; callSessionId: string; to: string };

/**
 * Places one outbound call, or records why not: the line's checks and quiet hours in its zone
 * (`decideDial`), then the session, then Twilio. The CallSid is stored as soon as Twilio returns it;
 * the status callback URL carries our session id so callbacks that arrive first still find the call.
 */
export async function dial(deps: DialDeps, request: DialRequest): Promise<DialOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  const prepared = await deps.db.asService((tx) => prepare(tx, deps, request, now));
  if (prepared.kind === "done") return prepared.outcome;

  const base = deps.functionsPublicUrl.replace(/\/+$/, "");
  const session = encodeURIComponent(prepared.callSessionId);
  try {
    const call = await deps.twilio.createCall({
      to: prepared.to,
      from: deps.fromNumber,
      url: `${base}/twilio/voice/outbound?sessionId=${session}`,
      statusCallback: `${base}/twilio/status?sessionId=${session}`,
      // outbound.ts answers a machine after its greeting: DetectMessageEnd waits for the beep.
      machineDetection: "DetectMessageEnd",
      timeout: deps.ringTimeoutSeconds ?? 30,
    });
    await deps.db.sql`
      update public.ultaura_call_sessions set
        twilio_call_sid = coalesce(twilio_call_sid, ${call.sid}),
        status = case when status = 'created' then 'queued'::public.ultaura_call_status else status end
      where id = ${prepared.callSessionId}
    `;
    return { kind: "placed", callSessionId: prepared.callSessionId, callSid: call.sid };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.db.asService(async (tx) => {
      await recordCallEvent(tx, {
        callSessionId: prepared.callSessionId,
        callSid: null,
        type: "dial.failed",
        payload: { message, code: (error as { code?: unknown }).code ?? null },
      });
      await tx`
        update public.ultaura_call_sessions set status = 'failed', end_reason = coalesce(end_reason, 'failed'),
          ended_at = coalesce(ended_at, now()), seconds_connected = coalesce(seconds_connected, 0)
        where id = ${prepared.callSessionId} and status = 'created'
      `;
    });
    return { kind: "failed", callSessionId: prepared.callSessionId, message };
  }
}

async function prepare(tx: Tx, deps: DialDeps, request: DialRequest, now: Date): Promise<Prepared> {
  const line = await loadLine(tx, request);
  if (!line) return { kind: "done", outcome: { kind: "not_found" } };
  line.overageCapReached = (await deps.overageCapReached?.(tx, line.accountId)) ?? false;
  const run = request.runId ? await loadRun(tx, request.runId) : null;
  // A run another tick has settled or given back is not this dial's to place.
  if (request.runId && !run) return { kind: "done", outcome: { kind: "not_found" } };

  const decision = decideDial(line, now, {
    ignoreQuietHours: request.ignoreQuietHours === true,
    deferInQuietHours: (run?.attempt ?? 0) > 0,
  });
  if (decision.kind === "defer") {
    if (run && (run.nextRunAt === null || decision.until < run.nextRunAt)) {
      await tx`update public.ultaura_schedule_runs set state = 'pending', due_at = ${decision.until}, claimed_at = null
               where id = ${run.id}`;
      return { kind: "done", outcome: { kind: "deferred", until: decision.until } };
    }
    // The quiet hours last past the next regular call: this occurrence is missed.
    if (run) await settleRun(tx, run, "skipped_quiet_hours", "missed", now);
    return { kind: "done", outcome: { kind: "skipped", reason: "skipped_quiet_hours" } };
  }
  if (decision.kind === "skip") {
    if (run) await settleRun(tx, run, decision.reason, "skipped", now);
    return { kind: "done", outcome: { kind: "skipped", reason: decision.reason } };
  }

  const [session] = await tx<{ id: string }[]>`
    insert into public.ultaura_call_sessions (account_id, line_id, direction, status, from_e164, to_e164, schedule_id, is_test)
    values (${line.accountId}, ${line.lineId}, 'outbound', 'created', ${deps.fromNumber}, ${line.phoneE164},
            ${run?.scheduleId ?? null}, ${request.isTest === true})
    returning id
  `;
  if (!session) throw new Error("call session insert returned nothing");
  if (run) {
    await tx`update public.ultaura_schedule_runs set state = 'placed', call_session_id = ${session.id} where id = ${run.id}`;
    await tx`update public.ultaura_schedules set last_run_at = ${now} where id = ${run.scheduleId}`;
  }
  return { kind: "call", callSessionId: session.id, to: line.phoneE164 };
}

async function loadLine(tx: Tx, request: DialRequest): Promise<DialLine | null> {
  const [row] = await tx<
    (Omit<DialLine, "quietHours" | "overageCapReached"> & { qhStart: string | null; qhEnd: string | null })[]
  >`
    select l.id as "lineId", l.account_id as "accountId", l.phone_e164 as "phoneE164",
           l.phone_verified_at is not null as verified, l.status as "lineStatus", l.do_not_call as "doNotCall",
           l.timezone, l.quiet_hours_start::text as "qhStart", l.quiet_hours_end::text as "qhEnd",
           u.status as "accountStatus", u.plan_kind as "planKind", u.minutes_remaining as "minutesRemaining"
    from public.ultaura_lines l
    join public.ultaura_account_usage u on u.account_id = l.account_id
    where l.id = ${request.lineId} and (${request.accountId ?? null}::uuid is null or l.account_id = ${request.accountId ?? null}::uuid)
  `;
  if (!row) return null;
  const { qhStart, qhEnd, ...line } = row;
  return {
    ...line,
    quietHours: qhStart && qhEnd ? { start: qhStart, end: qhEnd } : null,
    overageCapReached: false,
  };
}

async function loadRun(tx: Tx, runId: string): Promise<RunRow | null> {
  const [row] = await tx<RunRow[]>`
    select r.id, r.schedule_id as "scheduleId", r.attempt, s.next_run_at as "nextRunAt"
    from public.ultaura_schedule_runs r join public.ultaura_schedules s on s.id = r.schedule_id
    where r.id = ${runId} and r.state = 'dialling'
    for update of r
  `;
  return row ?? null;
}

async function settleRun(
  tx: Tx,
  run: RunRow,
  reason: DialSkipReason,
  outcome: "skipped" | "missed",
  now: Date,
) {
  await tx`update public.ultaura_schedule_runs set state = 'done', result = ${reason}, outcome = ${outcome}
           where id = ${run.id}`;
  await tx`update public.ultaura_schedules set last_result = ${reason}, last_run_at = ${now}, retry_count = 0
           where id = ${run.scheduleId}`;
}
