import { describe, expect, it } from "vitest";
import { encodeReply, parseCommand, parsePipeline, RedisReplyError } from "./protocol.ts";
import { sha1, withoutShebang } from "./scripts.ts";

describe("Upstash REST wire format", () => {
  it("stringifies numeric arguments, as Redis sees every argument as a string", () => {
    expect(parseCommand(["evalsha", "abc", 2, "k1", "k2", 5, 1.5])).toEqual([
      "evalsha",
      "abc",
      "2",
      "k1",
      "k2",
      "5",
      "1.5",
    ]);
    expect(
      parsePipeline([
        ["get", "a"],
        ["incrby", "b", 3],
      ]),
    ).toEqual([
      ["get", "a"],
      ["incrby", "b", "3"],
    ]);
  });

  it("refuses bodies that are not a command", () => {
    expect(() => parseCommand({ command: "get" })).toThrow(RedisReplyError);
    expect(() => parseCommand([])).toThrow(RedisReplyError);
    expect(() => parseCommand(["set", "k", { nested: true }])).toThrow(/strings or numbers/);
  });

  it("base64-encodes every string except the OK status; numbers and nil stay; arrays element-wise", () => {
    expect(encodeReply({ status: "OK" }, true)).toBe("OK");
    expect(encodeReply("abcd", true)).toBe("YWJjZA==");
    expect(encodeReply(["ü", 3, null, ["x"]], true)).toEqual(["w7w=", 3, null, ["eA=="]]);
    expect(encodeReply({ status: "PONG" }, true)).toBe("UE9ORw==");
    expect(encodeReply(["abcd", 1], false)).toEqual(["abcd", 1]);
  });
});

describe("ratelimit scripts", () => {
  it("drop the Upstash-only shebang but keep the hash of the script as sent", () => {
    const script = '#!lua flags=allow-key-locking\n  return redis.call("GET", KEYS[1])';
    expect(withoutShebang(script)).toBe('  return redis.call("GET", KEYS[1])');
    expect(sha1("abc")).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
  });
});
