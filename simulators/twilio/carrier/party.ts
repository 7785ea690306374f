import {
  type CallerScript,
  type KeyPress,
  parseDtmf,
  parseSpeech,
  type SpeechWindow,
} from "../stream/caller-script.ts";
import type { PartyKind } from "./status.ts";

/** How the simulated person on the far end behaves: who answers, what they say, when they hang up. */
export interface PartyBehaviour {
  /** Outbound calls only: whether the call is answered at all. Default "answer". */
  answer?: "answer" | "busy" | "no-answer" | "failed";
  /** Who picks up; a machine plays a greeting (speech 0–3 s) unless `speak` says otherwise. Default "human". */
  kind?: PartyKind;
  /** Hang up this many seconds after answer; default: stay until the product ends the call. */
  seconds?: number;
  /** Speech windows on the call clock: `"1-2,4-5"` (seconds) or explicit windows in ms. */
  speak?: string | SpeechWindow[];
  /** Key presses: `"9@3,9@6"` or explicit presses in ms. */
  dtmf?: string | KeyPress[];
  /** How long the phone rings before it is answered (or gives up). Default 100 ms. */
  ringMs?: number;
}

const MACHINE_GREETING: SpeechWindow[] = [{ fromMs: 0, toMs: 3000 }];

export function scriptFor(behaviour: PartyBehaviour): CallerScript {
  const speech =
    typeof behaviour.speak === "string"
      ? parseSpeech(behaviour.speak)
      : (behaviour.speak ?? (behaviour.kind === "machine" ? MACHINE_GREETING : []));
  const dtmf = typeof behaviour.dtmf === "string" ? parseDtmf(behaviour.dtmf) : (behaviour.dtmf ?? []);
  return {
    speech,
    dtmf: [...dtmf].sort((a, b) => a.atMs - b.atMs),
    ...(behaviour.seconds === undefined ? {} : { hangUpAfterMs: behaviour.seconds * 1000 }),
  };
}
