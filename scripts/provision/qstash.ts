/**
 * The scheduler's minute tick as one QStash schedule, named so a second run finds it: QStash upserts a
 * schedule created with an existing `scheduleId`, and this skips the call when the destination and cron
 * already match.
 */
import { Client } from "@upstash/qstash";
import type { ProvisionOutcome } from "./outcome.ts";

export const TICK_SCHEDULE_ID = "ultaura-scheduler-tick";
export const TICK_CRON = "* * * * *";

export type QstashSettings = { QSTASH_URL: string; QSTASH_TOKEN: string; FUNCTIONS_PUBLIC_URL: string };

export async function provisionTickSchedule(
  settings: QstashSettings,
  options: { dryRun: boolean; print: (line: string) => void },
): Promise<ProvisionOutcome> {
  const client = new Client({ baseUrl: settings.QSTASH_URL, token: settings.QSTASH_TOKEN });
  const destination = `${settings.FUNCTIONS_PUBLIC_URL.replace(/\/$/, "")}/scheduler/tick`;
  const existing = (await client.schedules.list()).find((s) => s.scheduleId === TICK_SCHEDULE_ID);
  if (existing && existing.destination === destination && existing.cron === TICK_CRON) {
    options.print(`QStash schedule ${TICK_SCHEDULE_ID} already POSTs ${destination} at "${TICK_CRON}"`);
    return { changed: false, actions: [] };
  }
  const action = `${existing ? "update" : "create"} QStash schedule ${TICK_SCHEDULE_ID}: POST ${destination} at "${TICK_CRON}"`;
  options.print(options.dryRun ? `would ${action}` : action);
  if (!options.dryRun) {
    await client.schedules.create({ scheduleId: TICK_SCHEDULE_ID, destination, cron: TICK_CRON, retries: 3 });
  }
  return { changed: !options.dryRun, actions: [action] };
}
