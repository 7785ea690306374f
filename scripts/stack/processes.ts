import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves when the process has exited, with its code (or signal name). */
  exited: Promise<string>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Receives every output line, already prefixed with the component's name. */
  print: (line: string) => void;
  /** Called when the process ends while the stack is still meant to run. */
  onUnexpectedExit: (name: string, how: string) => void;
}

const COLORS = [36, 35, 33, 32, 34, 31, 96, 95];
let nextColor = 0;

/**
 * Starts one component in its own process group (so wrangler's workerd or vite's esbuild go down with
 * it) and prefixes each output line with its name.
 */
export function spawnComponent(options: SpawnOptions): ManagedProcess & { expectExit(): void } {
  const color = COLORS[nextColor++ % COLORS.length];
  const prefix = process.stdout.isTTY ? `\x1b[${color}m[${options.name}]\x1b[0m` : `[${options.name}]`;
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (line) => options.print(`${prefix} ${line}`));
  }
  let expected = false;
  const exited = new Promise<string>((resolve) => {
    child.on("exit", (code, signal) => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!expected) options.onUnexpectedExit(options.name, how);
      resolve(how);
    });
    child.on("error", (error) => {
      if (!expected) options.onUnexpectedExit(options.name, error.message);
      resolve(error.message);
    });
  });
  const expectExit = () => {
    expected = true;
  };
  return { name: options.name, child, exited, expectExit };
}

/** SIGTERM to the whole group, SIGKILL after a grace period. */
export async function stopComponent(
  managed: ManagedProcess & { expectExit(): void },
  graceMs = 5_000,
): Promise<void> {
  managed.expectExit();
  const pid = managed.child.pid;
  if (pid === undefined || managed.child.exitCode !== null || managed.child.signalCode !== null) return;
  signalGroup(pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs);
  await managed.exited;
  clearTimeout(timer);
  signalGroup(pid, "SIGKILL");
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
