import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * One `npm start` per checkout: a second one would fight the first for the ports and the embedded
 * database's files. The lock names the running process so the message can say which one.
 */
export function acquireLock(path: string): { ok: true; release(): void } | { ok: false; pid: number } {
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return { ok: false, pid };
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, String(process.pid));
  return {
    ok: true,
    release: () => {
      if (existsSync(path) && readFileSync(path, "utf8").trim() === String(process.pid)) rmSync(path);
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
