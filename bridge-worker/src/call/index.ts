export { DEFAULT_CONFIG, initialState } from "./state.ts";
export { STREAM_TOKEN_PARAMETER, step } from "./step.ts";
export type * from "./types.ts";
