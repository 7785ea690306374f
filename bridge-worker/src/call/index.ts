export { DEFAULT_CONFIG, initialState, lostState } from "./state.ts";
export { type Clock, step } from "./step.ts";
export type * from "./types.ts";
