/** The Upstash Redis REST simulator as its own process, for `npm start` (port UPSTASH_SIM_PORT). */
import { type EngineChoice, startUpstashSimulator } from "./index.ts";

const engine = (process.env.UPSTASH_SIM_ENGINE ?? "auto") as EngineChoice;
if (!["auto", "redis-server", "memory"].includes(engine)) {
  throw new Error("UPSTASH_SIM_ENGINE must be auto, redis-server or memory");
}
const simulator = await startUpstashSimulator({
  port: Number(process.env.UPSTASH_SIM_PORT ?? "4050"),
  token: process.env.UPSTASH_REDIS_REST_TOKEN ?? "local-upstash-token",
  engine,
  log: (line) => console.log(`[upstash-sim] ${line}`),
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    simulator.stop().finally(() => process.exit(0));
  });
}
