/** What a simulator contributes to `npm run sim` (simulators/cli.ts): one command, run with its arguments. */
export interface SimulatorCommand {
  usage: string;
  summary: string;
  /** Resolves with the process exit code. */
  run(args: string[]): Promise<number>;
}
