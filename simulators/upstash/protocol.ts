/**
 * Upstash Redis REST, the wire half (pure): a command is a JSON array of strings and numbers (numbers are
 * stringified, as Redis sees every argument as a string); an answer is `{result}` or `{error}`. With
 * `Upstash-Encoding: base64` every string in a result is base64 except the status reply "OK"; integers stay
 * numbers, nil stays null, arrays are encoded element by element.
 */

export type Reply = string | number | null | Reply[] | { status: string };

/** A Redis error reply, e.g. "ERR unknown command" or "NOSCRIPT No matching script". */
export class RedisReplyError extends Error {
  override name = "RedisReplyError";
}

export function parseCommand(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new RedisReplyError("ERR the request body must be a JSON array: the command and its arguments");
  }
  return value.map((part) => {
    if (typeof part === "string") return part;
    if (typeof part === "number" || typeof part === "boolean") return String(part);
    throw new RedisReplyError("ERR command arguments must be strings or numbers");
  });
}

export function parsePipeline(value: unknown): string[][] {
  if (!Array.isArray(value))
    throw new RedisReplyError("ERR the request body must be a JSON array of commands");
  return value.map(parseCommand);
}

export function encodeReply(reply: Reply, base64: boolean): unknown {
  if (reply === null || typeof reply === "number") return reply;
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64));
  if (typeof reply === "object")
    return reply.status === "OK" || !base64 ? reply.status : toBase64(reply.status);
  return base64 ? toBase64(reply) : reply;
}

function toBase64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

export function errorText(error: unknown): string {
  if (error instanceof RedisReplyError) return error.message;
  if (error instanceof Error && /^[A-Z]+ /.test(error.message)) return error.message;
  return "ERR internal error";
}
