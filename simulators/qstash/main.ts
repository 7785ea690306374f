import { startQstashSimulator } from "./server.ts";

/**
 * `tsx simulators/qstash/main.ts`: the QStash simulator on QSTASH_SIM_PORT (default 4040). It starts with
 * one schedule, the scheduler's tick (`FUNCTIONS_PUBLIC_URL/scheduler/tick`, cron QSTASH_SIM_TICK_CRON,
 * default every minute; `off` for none), signed with QSTASH_CURRENT_SIGNING_KEY.
 */
const env = process.env;
const need = (name: string) => {
  const value = env[name];
  if (!value) throw new Error(`${name} is missing (see .env.example)`);
  return value;
};
const cron = env.QSTASH_SIM_TICK_CRON ?? "* * * * *";
const tickUrl = `${need("FUNCTIONS_PUBLIC_URL").replace(/\/+$/, "")}/scheduler/tick`;
const sim = await startQstashSimulator({
  port: Number(env.QSTASH_SIM_PORT ?? 4040),
  token: need("QSTASH_TOKEN"),
  currentSigningKey: need("QSTASH_CURRENT_SIGNING_KEY"),
  schedules: cron === "off" ? [] : [{ destination: tickUrl, cron, scheduleId: "scd_scheduler_tick" }],
  log: (line) => console.log(line),
});
console.log(
  `qstash simulator listening on ${sim.url}; tick ${cron === "off" ? "off" : `${cron} → ${tickUrl}`}`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    sim.stop().then(() => process.exit(0));
  });
}
