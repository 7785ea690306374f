import { z } from "zod";
import type { ToolCallResult, ToolRefusalReason, ToolSchema } from "../../_shared/contracts/bridge.ts";
import type { SmsSender } from "../../_shared/domain/notifications/sms.ts";
import type { ActiveSession } from "../../_shared/domain/sessions/bridge-session.ts";
import type { Keyring } from "../../_shared/platform/crypto/keyring.ts";
import type { Database } from "../../_shared/platform/db.ts";
import type { Logger } from "../../_shared/platform/log.ts";

/** What a tool handler may use; the bridge function builds it once, tests build their own. */
export interface ToolDeps {
  db: Database;
  keyring: Keyring;
  sms: SmsSender;
  log: Logger;
  now: () => Date;
}

/**
 * A tool the model may call: its arguments as one zod schema, from which both the JSON schema handed to
 * Grok and the validation of what the model sends are derived — one source of truth.
 */
export interface BridgeTool {
  name: string;
  schema: ToolSchema;
  handle(deps: ToolDeps, session: ActiveSession, rawArguments: unknown): Promise<ToolCallResult>;
}

/**
 * An expected "no" (not found, ambiguous, needs confirmation, not allowed): an output the model reads, with
 * `say` telling it what to tell the person — answered with HTTP 200, never an error, and nothing changed.
 */
export function refusal(
  reason: ToolRefusalReason,
  say: string,
  extra: Record<string, unknown> = {},
): ToolCallResult {
  return { output: { ...extra, ok: false, reason, say } };
}

export function defineTool<S extends z.ZodObject>(definition: {
  name: string;
  description: string;
  args: S;
  handle(deps: ToolDeps, session: ActiveSession, args: z.infer<S>): Promise<ToolCallResult>;
}): BridgeTool {
  const { $schema: _ignored, ...parameters } = z.toJSONSchema(definition.args) as Record<string, unknown>;
  return {
    name: definition.name,
    schema: { type: "function", name: definition.name, description: definition.description, parameters },
    async handle(deps, session, rawArguments) {
      const parsed = definition.args.safeParse(rawArguments ?? {});
      if (!parsed.success) {
        // Model slips are answered to the model, which can correct itself; nothing is changed.
        const problems = parsed.error.issues.map(
          (issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`,
        );
        return refusal("invalid_arguments", "Those arguments were not valid; correct them and try again.", {
          problems,
        });
      }
      return definition.handle(deps, session, parsed.data);
    },
  };
}
