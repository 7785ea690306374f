/**
 * The contract between the two deployables — the bridge Worker and the Edge Functions — owned by neither.
 * Runtime-neutral (Deno, workerd, Node) and importing nothing else of the project: only `zod` and WebCrypto.
 */
export * from "./bridge.ts";
export * from "./config-fields.ts";
export * from "./end-reasons.ts";
export * from "./example-secrets.ts";
export * from "./fallback-words.ts";
export * from "./keypad.ts";
export * from "./mask-phone.ts";
export * from "./prepare.ts";
export * from "./routes.ts";
export * from "./signing/request-signature.ts";
export * from "./signing/stream-token.ts";
export * from "./twilio-sids.ts";
export * from "./twiml.ts";
