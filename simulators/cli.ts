/**
 * `npm run sim -- <command> [options]`: drives the running simulators. Each simulator contributes its
 * commands to the map below.
 */
import type { SimulatorCommand } from "./cli-kit.ts";
import { qstashCommands } from "./qstash/cli.ts";
import { stripeCommands } from "./stripe/cli.ts";
import { twilioCommands } from "./twilio/cli.ts";

const commands: Record<string, SimulatorCommand> = {
  ...twilioCommands,
  ...stripeCommands,
  ...qstashCommands,
};

function help(): void {
  console.log("usage: npm run sim -- <command> [options]\n");
  for (const [name, command] of Object.entries(commands)) {
    console.log(`  ${name.padEnd(8)} ${command.summary}\n           npm run sim -- ${command.usage}\n`);
  }
  console.log("  help     this text");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    help();
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`unknown command "${name}"\n`);
    help();
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
