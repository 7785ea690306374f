import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** zod issues → one plain message per top-level field, e.g. { phone: "Phone is required" }. */
export function fieldErrors(error: z.ZodError, labels: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    if (out[key]) continue;
    const label = labels[key] ?? "This";
    out[key] =
      issue.code === "invalid_type"
        ? `${label} is required.`
        : `${label} ${issue.message}.`.replace("..", ".");
  }
  return out;
}
