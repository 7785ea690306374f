import type { CallContext, MinutesStatus } from "../_shared/contracts/bridge.ts";
import { REMINDER_ACK_KEY } from "../_shared/contracts/keypad.ts";
import { callApology, callPhrases, copyFor, type MinuteLimit } from "../_shared/domain/copy/index.ts";
import { lastCallInsights } from "../_shared/domain/memory/insights.ts";
import { listLineMemories } from "../_shared/domain/memory/store.ts";
import type { ActiveSession } from "../_shared/domain/sessions/bridge-session.ts";
import { sharedWithAnyCaller } from "../_shared/domain/sessions/caller-trust.ts";
import type { Keyring } from "../_shared/platform/crypto/keyring.ts";
import type { Tx } from "../_shared/platform/db.ts";
import { loadMinutesStatus } from "./calls/minutes-left.ts";
import { waitingMessages } from "./insights/messages.ts";
import { loadMemoryConsent, type MemoryConsent } from "./memory/consent.ts";
import { memoryRef } from "./memory/refs.ts";
import { buildInstructions, type ConsentPrompt } from "./prompt/instructions.ts";
import {
  describeLocalDay,
  describeLocalNow,
  type PromptLanguage,
  promptLanguage,
} from "./prompt/local-time.ts";
import { planReminders } from "./reminders/in-call.ts";
import { toolSchemas } from "./tools/index.ts";

/** Everything the Worker needs at call start, instructions and tool schemas included. `tx`: service. */
interface LineRow {
  display_name: string;
  preferred_name: string | null;
  language: string;
  timezone: string;
  voice: string | null;
  interests: string[];
  topics_to_avoid: string[];
}

interface EarlierCall {
  started_at: Date;
  seconds_connected: number;
  direction: "inbound" | "outbound";
}

const LAST_CALLS = 3;

/** A remembered item as the instructions show it: `id` is the short id the memory tools accept. */
interface ContextMemory {
  id: string;
  kind: string;
  text: string;
  private: boolean;
}

export async function loadCallContext(
  tx: Tx,
  keyring: Keyring,
  session: ActiveSession,
  now: Date,
  defaultVoice: string,
  unattestedMaxSeconds: number,
): Promise<CallContext> {
  const [line] = await tx<LineRow[]>`
    select display_name, preferred_name, language, timezone, voice, interests, topics_to_avoid
    from public.ultaura_lines where id = ${session.lineId} and account_id = ${session.accountId}`;
  if (!line) throw new Error(`live session ${session.id} without its line`);
  const earlier = await tx<EarlierCall[]>`
    select coalesce(answered_at, started_at, created_at) as started_at, seconds_connected, direction
    from public.ultaura_call_sessions
    where line_id = ${session.lineId} and id <> ${session.id} and seconds_connected > 0
    order by coalesce(answered_at, started_at, created_at) desc
    limit ${LAST_CALLS}`;
  const consent = await loadMemoryConsent(tx, session.lineId, now);
  const callsResumed = await resumedSinceLastCall(tx, session);
  const remembered = consent.state === "granted" ? await contextMemories(tx, keyring, session) : [];
  // An unattested caller ID may not be the person: nothing private and no health note reaches the call.
  const memories = session.callerTrusted ? remembered : remembered.filter(sharedWithAnyCaller);
  // Follow-ups may name a health worry and messages are the family's words: neither reaches a caller ID
  // nobody vouched for.
  const last = session.callerTrusted
    ? await lastCallInsights(tx, keyring, session.accountId, session.lineId, session.id)
    : null;
  const messages = session.callerTrusted ? await waitingMessages(tx, session.accountId, session.lineId) : [];
  const minutes = await loadMinutesStatus(tx, session, now, unattestedMaxSeconds);
  const limit = minuteLimit(minutes);

  const language = promptLanguage(line.language);
  const name = line.preferred_name ?? line.display_name;
  const localTime = describeLocalNow(now, line.timezone, language);
  const firstCall = earlier.length === 0;
  const lastCalls = earlier.map((call) => describeCall(call, line.timezone, language));
  const tools = toolSchemas(session.callerTrusted);
  const instructions = buildInstructions({
    tools: tools.map((tool) => tool.name),
    language,
    name,
    localNow: localTime,
    timezone: line.timezone,
    direction: session.direction,
    firstCall,
    // An unattested call has no memory-writing tool: it must not ask for, or promise, what it cannot record.
    memoryConsent: session.callerTrusted ? consentPrompt(consent) : "unattested",
    memories: memories.map((m) => ({ ref: m.id, kind: m.kind, text: m.text, private: m.private })),
    lastCalls,
    callsResumed,
    interests: line.interests,
    topicsToAvoid: line.topics_to_avoid,
    minutesLeft: limit && { limit, minutes: Math.floor((minutes.secondsRemaining ?? 0) / 60) },
    followUps: last?.followUps ?? [],
    messages,
  });
  const reminders = await planReminders(tx, session, now, name, line.language);
  const phrases = callPhrases(language, name, firstCall, limit ?? "trial");
  const reminderWords = copyFor(language).reminders;
  const offersReminderTools = tools.some((tool) => tool.name === "set_reminder");
  return {
    callSessionId: session.id,
    lineId: session.lineId,
    accountId: session.accountId,
    direction: session.direction,
    language: line.language,
    timezone: line.timezone,
    voice: line.voice ?? defaultVoice,
    instructions: [
      instructions,
      ...(offersReminderTools ? [reminderWords.toolsGuide] : []),
      ...(reminders.kind === "companion" ? reminders.instructions : []),
      ...(reminders.kind === "reminder_call" ? [reminders.instructions] : []),
    ].join("\n\n"),
    tools,
    minutes,
    // A reminder call opens with the reminder itself, not the companion's greeting.
    phrases: reminders.kind === "reminder_call" ? { ...phrases, greeting: reminders.instructions } : phrases,
    apology: callApology(language, name),
    insightsRequest: copyFor(language).insights.fallbackRequest,
    ...(reminders.kind === "reminder_call" && reminders.requireAck
      ? { keyTools: { [REMINDER_ACK_KEY]: "acknowledge_reminder" } }
      : {}),
  };
}

/**
 * Whether the owner turned calls back on (a `reenable_calls` consent, 0006/0027) after the last call the
 * person answered: they asked us to stop, so the first call after must say why we are calling again.
 */
async function resumedSinceLastCall(tx: Tx, session: ActiveSession): Promise<boolean> {
  const [row] = await tx<{ resumed: boolean }[]>`
    select exists (
      select 1 from public.ultaura_consents c
      where c.line_id = ${session.lineId} and c.kind = 'reenable_calls' and c.granted
        and c.created_at > coalesce((
          select max(coalesce(s.answered_at, s.started_at, s.created_at)) from public.ultaura_call_sessions s
          where s.line_id = ${session.lineId} and s.id <> ${session.id} and s.seconds_connected > 0), '-infinity')
    ) as resumed`;
  return row?.resumed ?? false;
}

/** Why the call counts down: a trial, or (any other plan with a hard cut-off) the family's spending cap. */
function minuteLimit(minutes: MinutesStatus): MinuteLimit | null {
  if (!minutes.hardCutoff) return null;
  return minutes.planKind === "trial" ? "trial" : "spending_cap";
}

function consentPrompt(consent: MemoryConsent): ConsentPrompt {
  if (consent.state === "granted") return "granted";
  if (consent.state === "denied" && !consent.mayAskAgain) return "denied";
  return "ask";
}

async function contextMemories(tx: Tx, keyring: Keyring, session: ActiveSession): Promise<ContextMemory[]> {
  const memories = await listLineMemories(tx, keyring, session.accountId, session.lineId);
  return Promise.all(
    memories.map(async (memory) => ({
      id: await memoryRef(memory.id),
      kind: memory.kind,
      text: memory.text,
      private: memory.private,
    })),
  );
}

function describeCall(call: EarlierCall, timezone: string, language: PromptLanguage): string {
  const day = describeLocalDay(call.started_at, timezone, language);
  const minutes = Math.max(1, Math.round(call.seconds_connected / 60));
  return copyFor(language).prompt.lastCall(day, minutes, call.direction);
}
