export { DEFAULT_CONFIG, initialState, lostState } from "./state.ts";
export { step } from "./step.ts";
export type * from "./types.ts";
