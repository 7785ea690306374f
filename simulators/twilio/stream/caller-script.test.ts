import { describe, expect, it } from "vitest";
import {
  type CallerScript,
  duePresses,
  isSpeaking,
  parseDtmf,
  parseSpeech,
  ScriptError,
} from "./caller-script.ts";

describe("caller script", () => {
  it("parses speech windows in seconds", () => {
    expect(parseSpeech("1-2, 4.5-6")).toEqual([
      { fromMs: 1000, toMs: 2000 },
      { fromMs: 4500, toMs: 6000 },
    ]);
  });

  it("parses key presses and sorts them by time", () => {
    expect(parseDtmf("9@6,9@3,*@0.5")).toEqual([
      { digit: "*", atMs: 500 },
      { digit: "9", atMs: 3000 },
      { digit: "9", atMs: 6000 },
    ]);
  });

  it.each(["", "1", "2-1", "1-1", "a-2", "1-2-3", "-2"])("rejects speech %j", (spec) => {
    expect(() => parseSpeech(spec)).toThrowError(ScriptError);
  });

  it.each(["9", "99@1", "x@1", "9@", "9@1@2", "9@-1"])("rejects key press %j", (spec) => {
    expect(() => parseDtmf(spec)).toThrowError(ScriptError);
  });

  const script: CallerScript = {
    speech: [{ fromMs: 1000, toMs: 2000 }],
    dtmf: [
      { digit: "9", atMs: 3000 },
      { digit: "1", atMs: 3000 },
      { digit: "0", atMs: 6000 },
    ],
  };

  it("speaks inside a window, start inclusive and end exclusive", () => {
    expect([999, 1000, 1999, 2000].map((t) => isSpeaking(script, t))).toEqual([false, true, true, false]);
  });

  it("hands out each key press once, when it is due", () => {
    expect(duePresses(script, 2999, 0)).toEqual([]);
    expect(duePresses(script, 3000, 0).map((p) => p.digit)).toEqual(["9", "1"]);
    expect(duePresses(script, 5000, 2)).toEqual([]);
    expect(duePresses(script, 6000, 2).map((p) => p.digit)).toEqual(["0"]);
    expect(duePresses(script, 9000, 3)).toEqual([]);
  });
});
