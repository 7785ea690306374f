import { readdirSync, readFileSync } from "node:fs";

/** Linux reports process CPU in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const MS_PER_TICK = 10;

export interface ProcessCpu {
  pid: number;
  parentPid: number;
  groupId: number;
  commandLine: string;
  /** User plus system CPU so far, in milliseconds. */
  cpuMs: number;
}

/** The fields of `/proc/<pid>/stat` the benchmark needs (the command name may itself hold spaces). */
export function parseProcStat(stat: string): { parentPid: number; groupId: number; cpuMs: number } {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return {
    parentPid: Number(fields[1]),
    groupId: Number(fields[2]),
    cpuMs: (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK,
  };
}

/** Every workerd process on the machine, with its CPU so far. */
export function workerdProcesses(): ProcessCpu[] {
  return processesWhoseCommandHas("workerd");
}

/** Every process on the machine whose command line holds `fragment`, with its CPU so far. */
export function processesWhoseCommandHas(fragment: string): ProcessCpu[] {
  const found: ProcessCpu[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const commandLine = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ");
      if (!commandLine.includes(fragment)) continue;
      found.push({
        pid: Number(name),
        commandLine,
        ...parseProcStat(readFileSync(`/proc/${name}/stat`, "utf8")),
      });
    } catch {
      // The process ended meanwhile.
    }
  }
  return found;
}

/** CPU the processes whose command line holds `fragment` spent since `before` (those alive at both ends). */
export function cpuMsSince(fragment: string, before: ProcessCpu[]): number {
  const then = new Map(before.map((p) => [p.pid, p.cpuMs]));
  return processesWhoseCommandHas(fragment).reduce(
    (sum, p) => sum + (then.has(p.pid) ? p.cpuMs - (then.get(p.pid) as number) : 0),
    0,
  );
}

/** One process's user plus system CPU so far, in milliseconds. */
export function processCpuMs(pid: number): number {
  return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8")).cpuMs;
}

/** This process's own CPU so far (the load generator and the peer stand-ins), in milliseconds. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The 1-, 5- and 15-minute load averages: how busy the shared machine was around a measurement. */
export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
