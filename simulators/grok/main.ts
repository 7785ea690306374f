import { startGrokSimulator } from "./server.ts";

/** `tsx simulators/grok/main.ts`: the Grok realtime simulator on GROK_SIM_PORT (default 4020). */
const port = Number(process.env.GROK_SIM_PORT ?? 4020);
const apiKey = process.env.XAI_API_KEY;
const sim = await startGrokSimulator({
  port,
  ...(apiKey ? { apiKey } : {}),
  log: (line) => console.log(line),
});
console.log(`grok simulator listening on ${sim.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    sim.stop().then(() => process.exit(0));
  });
}
