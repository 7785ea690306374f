/** Test scripting for the Grok simulator: what the "caller said" and how the "model" answers. */

export interface Cue {
  /** Applies to the caller's nth turn (1-based); without it, to the next caller turn. */
  onCallerTurn?: number;
  /** Reported as the caller's transcript for that turn. */
  transcript?: string;
  /** Answer the turn with this function call instead of speech. */
  functionCall?: { name: string; arguments: Record<string, unknown> | string };
  /** The spoken reply's transcript and length. */
  reply?: { text?: string; ms?: number };
  /** The answer to the next text-only response (the first cue that has one), instead of the default. */
  textReply?: string;
}

export type Fault =
  | { mode: "none" }
  /** HTTP 503 on upgrade. */
  | { mode: "refuse" }
  /** Close every session this long after it opened (new and open ones). */
  | { mode: "drop"; afterMs: number }
  /**
   * Responses start but no audio is ever sent — on every session, or with `only: "open"` on the sessions
   * open now (a session that hangs while a fresh one would answer).
   */
  | { mode: "stall"; only?: "open" }
  /** Before each audio chunk, junk: text that is not JSON, JSON that is no event, an event with wrong types. */
  | { mode: "garbage" };

export function isCue(value: unknown): value is Cue {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const cue: { onCallerTurn?: unknown; transcript?: unknown; functionCall?: unknown; textReply?: unknown } =
    value;
  if (cue.onCallerTurn !== undefined && typeof cue.onCallerTurn !== "number") return false;
  if (cue.textReply !== undefined && typeof cue.textReply !== "string") return false;
  if (cue.transcript !== undefined && typeof cue.transcript !== "string") return false;
  if (cue.functionCall !== undefined) {
    const call = cue.functionCall;
    if (typeof call !== "object" || call === null || !("name" in call) || typeof call.name !== "string")
      return false;
  }
  return true;
}

export function toFault(value: unknown): Fault | null {
  if (typeof value !== "object" || value === null || !("mode" in value)) return null;
  if (value.mode === "stall" && "only" in value)
    return value.only === "open" ? { mode: "stall", only: "open" } : null;
  if (value.mode === "none" || value.mode === "refuse" || value.mode === "stall" || value.mode === "garbage")
    return { mode: value.mode };
  if (value.mode === "drop" && "afterMs" in value && typeof value.afterMs === "number") {
    return { mode: "drop", afterMs: value.afterMs };
  }
  return null;
}

/** Takes the cue for caller turn `turn`: an exact `onCallerTurn` match first, else the first unnumbered cue. */
export function takeCue(queue: Cue[], turn: number): Cue | null {
  let index = queue.findIndex((cue) => cue.onCallerTurn === turn && cue.textReply === undefined);
  if (index < 0)
    index = queue.findIndex((cue) => cue.onCallerTurn === undefined && cue.textReply === undefined);
  if (index < 0) return null;
  const [cue] = queue.splice(index, 1);
  return cue ?? null;
}

/** Takes the first cue with a `textReply` (for a text-only response); its text, or null. */
export function takeTextReply(queue: Cue[]): string | null {
  const index = queue.findIndex((cue) => cue.textReply !== undefined);
  if (index < 0) return null;
  const [cue] = queue.splice(index, 1);
  return cue?.textReply ?? null;
}
