import { LuaFactory } from "wasmoon";
import { RedisReplyError, type Reply } from "./protocol.ts";
import { ScriptCache } from "./scripts.ts";

/**
 * An in-memory Redis for machines without redis-server: strings and hashes with millisecond expiry, the
 * commands @upstash/redis and @upstash/ratelimit use, and EVAL/EVALSHA running the very Lua scripts they
 * send in a real Lua VM (wasmoon: Lua 5.4 in WebAssembly) with Redis's reply conversions. A script runs
 * synchronously start to end, so it is atomic as in Redis. The clock is injected for tests.
 */
type Entry = { value: string | Map<string, string>; expiresAtMs?: number };
type Lua = Awaited<ReturnType<LuaFactory["createEngine"]>>;

export class MemoryEngine {
  readonly kind = "memory" as const;
  private readonly data = new Map<string, Entry>();
  private readonly scripts = new ScriptCache();

  private constructor(
    private readonly lua: Lua,
    private readonly now: () => number,
  ) {
    const toLua = (reply: Reply): unknown => {
      if (reply === null) return false;
      if (Array.isArray(reply)) return reply.map(toLua);
      if (typeof reply === "object") return { ok: reply.status };
      return reply;
    };
    const call = (...args: unknown[]) => toLua(this.run(args.map((arg) => String(arg))));
    lua.global.set("redis", { call, pcall: call });
  }

  static async create(now: () => number = Date.now): Promise<MemoryEngine> {
    const lua = await new LuaFactory().createEngine({ injectObjects: false, enableProxy: false });
    return new MemoryEngine(lua, now);
  }

  async exec(command: string[]): Promise<Reply> {
    return this.run(command);
  }

  async close(): Promise<void> {
    this.lua.global.close();
  }

  private run(command: string[]): Reply {
    const [name = "", ...args] = command;
    const handler = this.commands[name.toUpperCase()];
    if (!handler) throw new RedisReplyError(`ERR unknown command '${name}'`);
    return handler(args);
  }

  private live(key: string): Entry | undefined {
    const entry = this.data.get(key);
    if (entry?.expiresAtMs !== undefined && entry.expiresAtMs <= this.now()) {
      this.data.delete(key);
      return undefined;
    }
    return entry;
  }

  private string(key: string): string | null {
    const entry = this.live(key);
    if (!entry) return null;
    if (typeof entry.value !== "string") throw wrongType();
    return entry.value;
  }

  private hash(key: string, create: boolean): Map<string, string> | undefined {
    const entry = this.live(key);
    if (entry && typeof entry.value === "string") throw wrongType();
    if (entry) return entry.value as Map<string, string>;
    if (!create) return undefined;
    const created = new Map<string, string>();
    this.data.set(key, { value: created });
    return created;
  }

  private incrBy(key: string, by: string): number {
    const current = this.string(key) ?? "0";
    if (!/^-?\d+$/.test(current) || !/^-?\d+$/.test(by)) {
      throw new RedisReplyError("ERR value is not an integer or out of range");
    }
    const next = Number(current) + Number(by);
    const entry = this.live(key);
    this.data.set(key, { value: String(next), expiresAtMs: entry?.expiresAtMs });
    return next;
  }

  private expire(key: string, ms: number): number {
    const entry = this.live(key);
    if (!entry) return 0;
    entry.expiresAtMs = this.now() + ms;
    return 1;
  }

  private ttl(key: string, unitMs: number): number {
    const entry = this.live(key);
    if (!entry) return -2;
    if (entry.expiresAtMs === undefined) return -1;
    return Math.ceil((entry.expiresAtMs - this.now()) / unitMs);
  }

  private evaluate(script: string, args: string[]): Reply {
    const keyCount = Number(args[0]);
    if (!Number.isInteger(keyCount) || keyCount < 0 || keyCount > args.length - 1) {
      throw new RedisReplyError("ERR Number of keys can't be greater than number of args");
    }
    this.lua.global.set("KEYS", args.slice(1, 1 + keyCount));
    this.lua.global.set("ARGV", args.slice(1 + keyCount));
    let result: unknown;
    try {
      result = this.lua.doStringSync(script);
    } catch (error) {
      throw new RedisReplyError(`ERR Error running script: ${(error as Error).message}`);
    }
    return fromLua(result);
  }

  private readonly commands: Record<string, (args: string[]) => Reply> = {
    PING: (args) => (args[0] === undefined ? { status: "PONG" } : args[0]),
    ECHO: (args) => args[0] ?? "",
    GET: ([key = ""]) => this.string(key),
    MGET: (keys) => keys.map((key) => this.string(key)),
    SET: ([key = "", value = "", ...options]) => {
      const upper = options.map((option) => option.toUpperCase());
      const exists = this.live(key) !== undefined;
      if ((upper.includes("NX") && exists) || (upper.includes("XX") && !exists)) return null;
      const px = upper.indexOf("PX");
      const ex = upper.indexOf("EX");
      const ttl = px >= 0 ? Number(options[px + 1]) : ex >= 0 ? Number(options[ex + 1]) * 1000 : undefined;
      const keep = upper.includes("KEEPTTL") ? this.live(key)?.expiresAtMs : undefined;
      this.data.set(key, { value, expiresAtMs: ttl === undefined ? keep : this.now() + ttl });
      return { status: "OK" };
    },
    DEL: (keys) => keys.filter((key) => this.live(key) && this.data.delete(key)).length,
    EXISTS: (keys) => keys.filter((key) => this.live(key)).length,
    INCR: ([key = ""]) => this.incrBy(key, "1"),
    INCRBY: ([key = "", by = ""]) => this.incrBy(key, by),
    DECR: ([key = ""]) => this.incrBy(key, "-1"),
    DECRBY: ([key = "", by = ""]) => this.incrBy(key, `${-Number(by)}`),
    EXPIRE: ([key = "", seconds = ""]) => this.expire(key, Number(seconds) * 1000),
    PEXPIRE: ([key = "", ms = ""]) => this.expire(key, Number(ms)),
    TTL: ([key = ""]) => this.ttl(key, 1000),
    PTTL: ([key = ""]) => this.ttl(key, 1),
    HSET: ([key = "", ...pairs]) => {
      const hash = this.hash(key, true) as Map<string, string>;
      let added = 0;
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        if (!hash.has(pairs[i] as string)) added++;
        hash.set(pairs[i] as string, pairs[i + 1] as string);
      }
      return added;
    },
    HGET: ([key = "", field = ""]) => this.hash(key, false)?.get(field) ?? null,
    HMGET: ([key = "", ...fields]) => fields.map((field) => this.hash(key, false)?.get(field) ?? null),
    HGETALL: ([key = ""]) => [...(this.hash(key, false) ?? new Map<string, string>())].flat(),
    HDEL: ([key = "", ...fields]) => fields.filter((field) => this.hash(key, false)?.delete(field)).length,
    HINCRBY: ([key = "", field = "", by = "0"]) => {
      const hash = this.hash(key, true) as Map<string, string>;
      const next = Number(hash.get(field) ?? "0") + Number(by);
      hash.set(field, String(next));
      return next;
    },
    DBSIZE: () => [...this.data.keys()].filter((key) => this.live(key)).length,
    FLUSHALL: () => {
      this.data.clear();
      return { status: "OK" };
    },
    FLUSHDB: () => {
      this.data.clear();
      return { status: "OK" };
    },
    EVAL: ([script = "", ...args]) => this.evaluate(this.scripts.remember(script).runnable, args),
    EVALSHA: ([sha = "", ...args]) => {
      const script = this.scripts.lookup(sha);
      if (!script) throw new RedisReplyError("NOSCRIPT No matching script. Please use EVAL.");
      return this.evaluate(script, args);
    },
    SCRIPT: ([sub = "", ...args]) => {
      const action = sub.toUpperCase();
      if (action === "LOAD") return this.scripts.remember(args[0] ?? "").sha;
      if (action === "EXISTS") return args.map((sha) => (this.scripts.lookup(sha) ? 1 : 0));
      if (action === "FLUSH") {
        this.scripts.clear();
        return { status: "OK" };
      }
      throw new RedisReplyError(`ERR unknown subcommand '${sub}'`);
    },
  };
}

/** Redis's Lua → reply conversion: numbers truncate to integers, false is nil, tables are arrays. */
function fromLua(value: unknown): Reply {
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return 1;
  if (typeof value === "number") return Math.trunc(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const end = value.findIndex((item) => item === null || item === undefined);
    return (end < 0 ? value : value.slice(0, end)).map(fromLua);
  }
  if (typeof value === "object") {
    const table = value as { ok?: unknown; err?: unknown };
    if (typeof table.err === "string") throw new RedisReplyError(table.err);
    if (typeof table.ok === "string") return { status: table.ok };
    return [];
  }
  return null;
}

function wrongType(): RedisReplyError {
  return new RedisReplyError("WRONGTYPE Operation against a key holding the wrong kind of value");
}
