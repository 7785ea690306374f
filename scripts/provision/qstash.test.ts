import { afterEach, describe, expect, it } from "vitest";
import { type QstashSimulator, startQstashSimulator } from "../../simulators/qstash/server.ts";
import { provisionTickSchedule, TICK_SCHEDULE_ID } from "./qstash.ts";

const TOKEN = "provision-qstash-token";
let sim: QstashSimulator | undefined;
afterEach(() => sim?.stop());

const listSchedules = async (url: string) =>
  (await (await fetch(`${url}/v2/schedules`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
    scheduleId: string;
    destination: string;
    cron: string;
  }[];

describe("provision: the QStash schedule for the scheduler's tick", () => {
  it("a dry run creates nothing; a run creates it; a second run changes nothing", async () => {
    sim = await startQstashSimulator({ port: 0, token: TOKEN, currentSigningKey: "sig_provision_current" });
    const settings = {
      QSTASH_URL: sim.url,
      QSTASH_TOKEN: TOKEN,
      FUNCTIONS_PUBLIC_URL: "https://abcdefghijklmnopqrst.supabase.co/functions/v1/",
    };
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);

    const dry = await provisionTickSchedule(settings, { dryRun: true, print });
    expect(dry.changed).toBe(false);
    expect(lines).toEqual([
      `would create QStash schedule ${TICK_SCHEDULE_ID}: POST https://abcdefghijklmnopqrst.supabase.co/functions/v1/scheduler/tick at "* * * * *"`,
    ]);
    expect(await listSchedules(sim.url)).toEqual([]);

    expect((await provisionTickSchedule(settings, { dryRun: false, print })).changed).toBe(true);
    const created = await listSchedules(sim.url);
    expect(created).toMatchObject([
      {
        scheduleId: TICK_SCHEDULE_ID,
        destination: "https://abcdefghijklmnopqrst.supabase.co/functions/v1/scheduler/tick",
        cron: "* * * * *",
      },
    ]);

    expect(await provisionTickSchedule(settings, { dryRun: false, print })).toEqual({
      changed: false,
      actions: [],
    });
    expect(await listSchedules(sim.url)).toEqual(created);
  });

  it("moves a schedule pointing elsewhere, in place", async () => {
    sim = await startQstashSimulator({
      port: 0,
      token: TOKEN,
      currentSigningKey: "sig_provision_current",
      schedules: [
        {
          scheduleId: TICK_SCHEDULE_ID,
          destination: "https://old.example/scheduler/tick",
          cron: "*/5 * * * *",
        },
      ],
    });
    const settings = {
      QSTASH_URL: sim.url,
      QSTASH_TOKEN: TOKEN,
      FUNCTIONS_PUBLIC_URL: "https://new.example/functions/v1",
    };
    const outcome = await provisionTickSchedule(settings, { dryRun: false, print: () => {} });
    expect(outcome.changed).toBe(true);
    expect(await listSchedules(sim.url)).toMatchObject([
      {
        scheduleId: TICK_SCHEDULE_ID,
        destination: "https://new.example/functions/v1/scheduler/tick",
        cron: "* * * * *",
      },
    ]);
  });
});
