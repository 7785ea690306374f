import type { NoticeKind } from "../copy/types.ts";

export type { NoticeKind } from "../copy/types.ts";

/** Every kind of notice, in the settings page's order; the database's CHECKs hold the same list (0038). */
export const NOTICE_KINDS = [
  "missed_calls",
  "weekly_digest",
  "safety",
  "billing",
  "reminders",
] as const satisfies readonly NoticeKind[];
