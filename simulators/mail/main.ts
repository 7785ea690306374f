import { startMailCatcher } from "./server.ts";

/** `tsx simulators/mail/main.ts`: the local mail catcher on MAIL_SIM_PORT (default 4060). */
const catcher = await startMailCatcher({ port: Number(process.env.MAIL_SIM_PORT ?? 4060) });
console.log(`mail catcher listening on ${catcher.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    catcher.stop().then(() => process.exit(0));
  });
}
