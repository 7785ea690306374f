import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "redis";
import { RedisReplyError, type Reply } from "./protocol.ts";
import { ScriptCache, sha1 } from "./scripts.ts";

/**
 * A real redis-server behind the REST front: started on a private Unix socket (no TCP port to reserve,
 * nothing else can reach it), with persistence off. Commands pass through unchanged except scripts, whose
 * Upstash-only shebang Redis 7 refuses: EVAL runs the script without it, and EVALSHA with the hash of the
 * script as sent finds the rewritten one (so each limit() costs one round trip, as on Upstash).
 */
type Client = ReturnType<typeof createClient>;

export class RedisEngine {
  readonly kind = "redis-server" as const;
  private readonly scripts = new ScriptCache();

  private constructor(
    private readonly client: Client,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(binary = "redis-server"): Promise<RedisEngine> {
    const dir = mkdtempSync(join(tmpdir(), "ultaura-redis-"));
    const socket = join(dir, "redis.sock");
    const child = spawn(
      binary,
      [
        "--port",
        "0",
        "--unixsocket",
        socket,
        "--unixsocketperm",
        "700",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    const exited = new Promise<never>((_, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
    exited.catch(() => {});
    const client = createClient({
      socket: {
        path: socket,
        reconnectStrategy: (retries) => (retries > 50 ? new Error("redis-server did not start") : 50),
      },
    });
    client.on("error", () => {});
    try {
      await Promise.race([client.connect(), exited]);
    } catch (error) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return new RedisEngine(client, child, dir);
  }

  async exec(command: string[]): Promise<Reply> {
    const [name = "", ...args] = command;
    const upper = name.toUpperCase();
    if (upper === "EVAL") {
      const { runnable } = this.scripts.remember(args[0] ?? "");
      return this.send(["EVAL", runnable, ...args.slice(1)]);
    }
    if (upper === "EVALSHA") {
      const runnable = this.scripts.lookup(args[0] ?? "");
      if (!runnable) return this.send(command);
      try {
        return await this.send(["EVALSHA", sha1(runnable), ...args.slice(1)]);
      } catch (error) {
        if (!(error instanceof RedisReplyError) || !error.message.startsWith("NOSCRIPT")) throw error;
        return this.send(["EVAL", runnable, ...args.slice(1)]);
      }
    }
    return this.send(command);
  }

  private async send(command: string[]): Promise<Reply> {
    try {
      return (await this.client.sendCommand(command)) as Reply;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/^[A-Z]+ /.test(message)) throw new RedisReplyError(message);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => {});
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
