import { type CloseOutcome, closeFromTwilio } from "../_shared/domain/billing/close-from-twilio.ts";
import type { Database } from "../_shared/platform/db.ts";
import type { Logger } from "../_shared/platform/log.ts";
import type { TwilioRest } from "../_shared/platform/twilio-rest.ts";
import type { PeriodicJob } from "./tick.ts";

/** Twilio's longest call (its default TimeLimit, 4 h) plus a margin: past it a call cannot still be live. */
const FORCE_AFTER_MINUTES = 4 * 60 + 10;
/** Sessions asked about per tick; the rest wait for the next tick, oldest first. */
const SWEEP_BATCH = 100;

export interface SweepOptions {
  /** A session still open this long after it was created is asked about (CALL_SWEEP_AFTER_MINUTES). */
  afterMinutes: number;
}

/**
 * Closes sessions that neither Twilio's final status callback nor the Worker's end report closed: each one
 * open past the limit is looked up in Twilio's REST API and closed with Twilio's status and duration when
 * Twilio says it is over, with the bridge's seconds when Twilio does not know the call, else with zero and
 * the reason recorded. A call Twilio reports still going is left open, until it is older than any call can
 * be. Closing it settles its schedule run (the runs' trigger) and stops it counting as live.
 */
export function sessionSweep(
  db: Database,
  twilio: Pick<TwilioRest, "fetchCall">,
  log: Logger,
  options: SweepOptions,
): PeriodicJob {
  return {
    name: "session-sweep",
    async run(now) {
      const open = await db.asService(
        (tx) => tx<{ id: string; force: boolean }[]>`
          select id, created_at < ${now}::timestamptz - make_interval(mins => ${FORCE_AFTER_MINUTES}) as force
          from public.ultaura_call_sessions
          where ended_at is null
            and not public.ultaura_call_status_final(status)
            and created_at < ${now}::timestamptz - make_interval(mins => ${options.afterMinutes})
          order by created_at
          limit ${SWEEP_BATCH}`,
      );
      const outcomes: Partial<Record<CloseOutcome, number>> = {};
      for (const session of open) {
        const outcome = await closeFromTwilio(db, twilio, session.id, {
          closedBy: "sweep",
          force: session.force,
        });
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
      if (open.length > 0) log.info("session sweep", { open: open.length, ...outcomes });
    },
  };
}
