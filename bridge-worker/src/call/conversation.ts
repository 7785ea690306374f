import { keypadAction } from "../../../functions/_shared/contracts/index.ts";
import { messageItem } from "../grok/client-events.ts";
import { beginGoodbye } from "./ending.ts";
import { interrupt } from "./playback.ts";
import { addTurn, isBackchannel } from "./responses.ts";
import { cancelTimer, log, requestResponse, send, setTimer } from "./state.ts";
import { onKeyTool } from "./tools.ts";
import type { CallAction, CallState } from "./types.ts";

export function onCallerTranscript(s: CallState, out: CallAction[], transcript: string): CallState {
  const text = transcript.trim();
  if (text === "") return s;
  const present = { ...s, silenceChecks: 0 };
  if (isBackchannel(text)) return present;
  out.push({ type: "bridge", request: { kind: "transcript", text } });
  const counted = { ...present, stats: { ...s.stats, callerTurns: s.stats.callerTurns + 1 } };
  return addTurn(counted, { role: "caller", text });
}

export function onAssistantTranscript(s: CallState, transcript: string | null): CallState {
  const text = transcript ?? s.assistantText;
  const counted = {
    ...s,
    assistantText: "",
    stats: { ...s.stats, assistantTurns: s.stats.assistantTurns + 1 },
  };
  return addTurn(counted, { role: "assistant", text });
}

/** The safety backstop's hint goes in as a system message, and the model is asked to act on it. */
export function onTranscriptHint(s: CallState, out: CallAction[], hint: string | null): CallState {
  if (!hint || s.grok.status !== "ready") return s;
  send(s, out, messageItem("system", hint));
  log(out, "info", "transcript_hint");
  return requestResponse(s, out, null);
}

export function onSilenceTimer(s: CallState, out: CallAction[], now: number): CallState {
  const phrases = s.context?.phrases;
  if (!phrases || s.ending) return s;
  if (s.silenceChecks === 0) {
    log(out, "info", "silence_check");
    return requestResponse({ ...s, silenceChecks: 1 }, out, phrases.silenceCheck);
  }
  return beginGoodbye(s, out, now, "caller_silent", phrases.silenceGoodbye);
}

/** The keypad (KEYPAD in the contract): repeat, help, and opt-out — asked to confirm, a second press opts out. */
export function onDigit(s: CallState, out: CallAction[], digit: string): CallState {
  const phrases = s.context?.phrases;
  if (!phrases || s.ending || !s.greeted) return s;
  log(out, "info", "dtmf", { digit });
  // A key this call lends to a tool (a reminder call's "press 1 when you have") means that, not its usual action.
  const keyTool = s.context?.keyTools?.[digit];
  if (keyTool) return onKeyTool(s, out, digit, keyTool);
  const action = keypadAction(digit);
  if (action === "optOut" && s.optOutArmed) {
    cancelTimer(out, "optOutWindow");
    out.push({ type: "bridge", request: { kind: "optOut" } });
    return { ...s, optOutArmed: false };
  }
  if (action === null) return s;
  const instructions = { repeat: phrases.repeat, help: phrases.help, optOut: phrases.optOutConfirm }[action];
  const armed = action === "optOut";
  if (armed) setTimer(out, "optOutWindow", s.config.optOutWindowMs);
  return requestResponse(interrupt({ ...s, optOutArmed: armed || s.optOutArmed }, out), out, instructions);
}

export function onOptOutRecorded(s: CallState, out: CallAction[], now: number, ok: boolean): CallState {
  const phrases = s.context?.phrases;
  // Even if recording failed the caller asked us to stop: say goodbye, and the summary's `opt_out`
  // reason gives functions/bridge a second chance to record it.
  if (!ok) log(out, "error", "opt_out_not_recorded");
  if (!phrases) return s;
  return beginGoodbye(s, out, now, "opt_out", phrases.optOutGoodbye);
}
