import { createHash } from "node:crypto";

/**
 * @upstash/ratelimit's scripts start with `#!lua flags=allow-key-locking`, an Upstash-only flag that Redis
 * 7 refuses ("Unexpected flag in script shebang") and that plain Lua cannot parse. Both engines run the
 * script without its shebang line but answer EVALSHA under the hash of the script as the client sent it.
 */
export function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

export function withoutShebang(script: string): string {
  return script.startsWith("#!") ? script.slice(script.indexOf("\n") + 1) : script;
}

/** sha1(script as sent) → the script without its shebang. */
export class ScriptCache {
  private readonly scripts = new Map<string, string>();

  remember(script: string): { sha: string; runnable: string } {
    const sha = sha1(script);
    const runnable = withoutShebang(script);
    this.scripts.set(sha, runnable);
    return { sha, runnable };
  }

  lookup(sha: string): string | undefined {
    return this.scripts.get(sha.toLowerCase());
  }

  clear(): void {
    this.scripts.clear();
  }
}
