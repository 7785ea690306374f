import type { StepResult } from "./types.ts";

/**
 * Which log entries of a step are also recorded as call events in functions/bridge: warnings and errors,
 * at most `maxRecordedEvents` per call. Runs over the full step's actions (the per-frame paths log
 * nothing), marking the entries in place: the actions are the step's own, made for this step.
 */
export function recordEvents(result: StepResult): StepResult {
  const { state, actions } = result;
  const max = state.config.maxRecordedEvents;
  let recorded = state.recordedEvents;
  for (let i = 0; i < actions.length && recorded < max; i++) {
    const action = actions[i];
    if (action?.type !== "log" || (action.level !== "warn" && action.level !== "error")) continue;
    actions[i] = { ...action, record: true };
    recorded++;
  }
  if (recorded === state.recordedEvents) return result;
  return { state: { ...state, recordedEvents: recorded }, actions };
}
