import { cancelResponse } from "../grok/client-events.ts";
import { cancelTimer, flushQueued, send } from "./state.ts";
import type { CallAction, CallState, Turn } from "./types.ts";

export function onResponseCreated(s: CallState, out: CallAction[], responseId: string): CallState {
  const r = s.response;
  if (r.cancelOnCreate) {
    // The caller interrupted before this response existed: cancel it now that it has an id.
    send(s, out, cancelResponse());
    return {
      ...s,
      response: { ...r, status: "active", id: responseId, cancelledId: responseId, cancelOnCreate: false },
    };
  }
  return { ...s, assistantText: "", response: { ...r, status: "active", id: responseId } };
}

export function onResponseDone(s: CallState, out: CallAction[], responseId: string): CallState {
  const r = s.response;
  if (r.id !== null && responseId !== "" && responseId !== r.id) return s;
  if (s.stallArmed && s.playback.itemId === null) {
    // A response with no audio (a function call, or nothing to say) is still an answer, not a stall.
    cancelTimer(out, "grokStall");
  }
  const idle = {
    ...s,
    stallArmed: s.stallArmed && s.playback.itemId !== null,
    response: { ...r, status: "idle" as const, id: null, cancelOnCreate: false },
  };
  return flushQueued(idle, out);
}

const BACKCHANNEL = /^(m+-?h+m+|m+|mhm+|uh-?huh|uh|um+|hmm+|yeah|yes|yep|ok(ay)?|right|sure|i see|oh)$/;

/** Short acknowledgements said while listening ("mm-hmm", "uh-huh", "yeah", "okay"). */
export function isBackchannel(text: string): boolean {
  const words = text
    .toLowerCase()
    .replace(/[.,!?…]/g, "")
    .trim();
  return words === "" || words.split(/\s+/).every((word) => BACKCHANNEL.test(word));
}

const TURN_TEXT_LIMIT = 400;

export function addTurn(s: CallState, turn: Turn): CallState {
  const text = turn.text.trim().slice(0, TURN_TEXT_LIMIT);
  if (text === "") return s;
  const kept =
    s.turns.length >= s.config.maxTurnsCarried ? s.turns.slice(1 - s.config.maxTurnsCarried) : s.turns;
  return { ...s, turns: [...kept, { role: turn.role, text }] };
}

/** The conversation so far, for priming a fresh Grok session after a reconnect or the session cap. */
export function primer(turns: Turn[]): string {
  const lines = turns.map((t) => `${t.role === "caller" ? "Caller" : "You"}: ${t.text}`);
  return `Transcript of this phone call so far (continue it; do not greet again):\n${lines.join("\n")}`;
}
