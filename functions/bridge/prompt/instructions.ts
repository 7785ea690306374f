import { copyFor } from "../../_shared/domain/copy/index.ts";
import type { ConsentPrompt, MinuteLimit, PromptCopy } from "../../_shared/domain/copy/types.ts";
import type { PromptLanguage } from "./local-time.ts";

export type { ConsentPrompt, PromptCopy } from "../../_shared/domain/copy/types.ts";

/**
 * The session instructions handed to the model as they are. Pure: everything it says comes from the
 * input, so a test can read the whole prompt for a given person and moment.
 */
export interface PromptMemory {
  ref: string;
  /** fact, preference, person, event, health_note or call_summary. */
  kind: string;
  text: string;
  private: boolean;
}

export interface PromptInput {
  language: PromptLanguage;
  /** The name the person likes to be called. */
  name: string;
  /** The person's current local date and time, already formatted. */
  localNow: string;
  timezone: string;
  direction: "inbound" | "outbound";
  /** No earlier connected call: the model introduces itself plainly as an AI. */
  firstCall: boolean;
  /** granted: remember; ask: ask once this call; denied: a recent no, do not ask. */
  memoryConsent: ConsentPrompt;
  memories: PromptMemory[];
  /** One short line per earlier call, newest first. */
  lastCalls: string[];
  interests: string[];
  topicsToAvoid: string[];
  /** The names of the tools this session is given: only these are described. */
  tools: readonly string[];
  /** Calls were turned back on after the person's opt-out since the last call they answered. */
  callsResumed: boolean;
  /** Whole minutes left under a trial or a spending cap; null when the call may run on. */
  minutesLeft: { limit: MinuteLimit; minutes: number } | null;
  /** The last call's follow-ups (a trusted caller only). */
  followUps?: readonly string[];
  /** Family messages waiting for this call, with their short ids (a trusted caller only). */
  messages?: readonly { ref: string; from: string; text: string }[];
}

// Memory text is the caller's own words: quoted, one line each, so it reads as notes and never as orders.
function quote(text: string): string {
  return JSON.stringify(text.replace(/\s+/g, " ").trim());
}

/** Family-entered lists (interests, topics to avoid) are capped so no entry or list can crowd the prompt. */
export const FAMILY_ENTRY_MAX_CHARS = 80;
export const FAMILY_LIST_MAX_ENTRIES = 20;

// The family's words, like the caller's, are quoted: each entry reads as a note, never as an instruction.
function familyList(entries: readonly string[]): string {
  return entries
    .map((entry) =>
      Array.from(entry.replace(/\s+/g, " ").trim()).slice(0, FAMILY_ENTRY_MAX_CHARS).join("").trim(),
    )
    .filter((entry) => entry !== "")
    .slice(0, FAMILY_LIST_MAX_ENTRIES)
    .map((entry) => JSON.stringify(entry))
    .join(", ");
}

function describeTools(copy: PromptCopy["tools"], offered: readonly string[]): string {
  const clauses = Object.entries(copy.each)
    .filter(([name]) => offered.includes(name))
    .map(([, clause]) => clause);
  return `${copy.intro}${clauses.join("; ")}${copy.outro}`;
}

export function buildInstructions(input: PromptInput): string {
  const copy = copyFor(input.language).prompt;
  const sections: string[] = [
    copy.identity(input.name),
    input.firstCall
      ? copy.firstCall(input.name, input.direction)
      : copy.returningCall(input.name, input.direction),
    copy.clock(input.localNow, input.timezone),
    copy.style,
    copy.boundaries,
    copy.safety,
    copy.consent[input.memoryConsent],
    describeTools(copy.tools, input.tools),
  ];
  const insights = copyFor(input.language).insights;
  if (input.tools.includes("log_call_insights")) sections.push(insights.instructions);
  const followUps = input.followUps ?? [];
  if (followUps.length > 0)
    sections.push([insights.followUpsHeading, ...followUps.map((f) => `- ${quote(f)}`)].join("\n"));
  const messages = input.messages ?? [];
  if (messages.length > 0) {
    const lines = messages.map((m) => insights.message(m.ref, familyList([m.from]), quote(m.text)));
    sections.push([insights.messagesHeading, ...lines].join("\n"));
  }
  if (input.callsResumed) sections.push(copy.callsResumed);
  const interests = familyList(input.interests);
  const avoid = familyList(input.topicsToAvoid);
  if (interests !== "") sections.push(copy.interests(interests));
  if (avoid !== "") sections.push(copy.avoid(avoid));
  if (input.minutesLeft !== null) {
    const { limit, minutes } = input.minutesLeft;
    sections.push(limit === "trial" ? copy.trialMinutes(minutes) : copy.capMinutes(minutes));
  }
  if (input.lastCalls.length > 0) {
    sections.push([copy.lastCallsHeading, ...input.lastCalls.map((line) => `- ${line}`)].join("\n"));
  }
  if (
    input.memoryConsent === "granted" ||
    (input.memoryConsent === "unattested" && input.memories.length > 0)
  ) {
    const lines = input.memories.map(
      (m) => `- [${m.ref}] (${m.kind}${m.private ? `, ${copy.privateMark}` : ""}) ${quote(m.text)}`,
    );
    sections.push(
      lines.length > 0
        ? [copy.memoriesHeading, copy.memoriesCaution, ...lines].join("\n")
        : `${copy.memoriesHeading}\n${copy.memoriesNone}`,
    );
  }
  return sections.join("\n\n");
}
