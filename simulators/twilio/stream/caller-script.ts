/**
 * What the simulated person on the phone does, on the call's clock (milliseconds since the call was
 * answered): speak during some windows, press keys at some moments, hang up after a while.
 */

export interface SpeechWindow {
  fromMs: number;
  toMs: number;
}

export interface KeyPress {
  digit: string;
  atMs: number;
}

export interface CallerScript {
  speech: SpeechWindow[];
  dtmf: KeyPress[];
  /** The caller hangs up this long after answer; undefined = stays until the other side ends the call. */
  hangUpAfterMs?: number;
}

export class ScriptError extends Error {
  override name = "ScriptError";
}

const SECONDS = /^\d+(?:\.\d+)?$/;

/** `"1-2,4.5-6"` → windows in ms (seconds on the command line). */
export function parseSpeech(spec: string): SpeechWindow[] {
  return splitList(spec).map((part) => {
    const [from, to, extra] = part.split("-");
    if (extra !== undefined || !from || !to || !SECONDS.test(from) || !SECONDS.test(to)) {
      throw new ScriptError(`speech window "${part}" must look like 1-2 (seconds)`);
    }
    const window = { fromMs: Number(from) * 1000, toMs: Number(to) * 1000 };
    if (window.toMs <= window.fromMs) throw new ScriptError(`speech window "${part}" ends before it starts`);
    return window;
  });
}

/** `"9@3,9@6"` → key presses in ms, in time order. */
export function parseDtmf(spec: string): KeyPress[] {
  const presses = splitList(spec).map((part) => {
    const [digit, at, extra] = part.split("@");
    if (extra !== undefined || !digit || !/^[0-9*#A-D]$/.test(digit) || !at || !SECONDS.test(at)) {
      throw new ScriptError(`key press "${part}" must look like 9@3 (digit @ seconds)`);
    }
    return { digit, atMs: Number(at) * 1000 };
  });
  return presses.sort((a, b) => a.atMs - b.atMs);
}

export function isSpeaking(script: CallerScript, callMs: number): boolean {
  return script.speech.some((w) => callMs >= w.fromMs && callMs < w.toMs);
}

/** Key presses due by `callMs` that have not been sent yet (`sent` = how many went out already). */
export function duePresses(script: CallerScript, callMs: number, sent: number): KeyPress[] {
  const due = script.dtmf.filter((press) => press.atMs <= callMs).length;
  return script.dtmf.slice(sent, Math.max(sent, due));
}

function splitList(spec: string): string[] {
  const parts = spec
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (parts.length === 0) throw new ScriptError("empty list");
  return parts;
}
