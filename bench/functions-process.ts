import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { freePort } from "../scripts/stack/free-port.ts";
import { portOpen, waitFor } from "../scripts/stack/wait.ts";

/**
 * The functions as `npm start` serves them (functions/serve-local.ts on Deno: every function and the
 * local Auth server on one port), against `databaseUrl`, for the benchmarks that measure them.
 */
export async function startFunctions(
  root: string,
  env: Record<string, string>,
  databaseUrl: string,
): Promise<{ port: number; url: string; pid: number; stop(): void }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/functions/v1`;
  const child: ChildProcess = spawn(
    join(root, "node_modules/.bin/deno"),
    [
      "run",
      "--allow-net",
      "--allow-env",
      "--allow-read",
      "--allow-sys",
      join(root, "functions/serve-local.ts"),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        ...env,
        DATABASE_URL: databaseUrl,
        FUNCTIONS_PORT: String(port),
        FUNCTIONS_PUBLIC_URL: url,
        LOG_LEVEL: "error",
        DENO_NO_UPDATE_CHECK: "1",
        DENO_NO_PROMPT: "1",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const stop = () => void child.kill("SIGTERM");
  if (!(await waitFor(() => portOpen(port), 60_000))) {
    stop();
    throw new Error("the functions did not come up");
  }
  return { port, url, pid: child.pid ?? 0, stop };
}
