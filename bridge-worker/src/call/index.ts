export { DEFAULT_CONFIG, initialState, lostState } from "./state.ts";
export { clockedStep, fastStep, step } from "./step.ts";
export type * from "./types.ts";
