import { sayThenHangUp } from "../../_shared/contracts/twiml.ts";
import { copyFor, languageOf } from "../../_shared/domain/copy/index.ts";
import { spokenClock } from "../../_shared/domain/reminders/timing.ts";

/**
 * What a caller hears from Twilio when we do not put them through to the AI, as TwiML: the sentences
 * come from the copy module in the line's own language, spoken in a voice of that language. When we do
 * not know the line, every language is said in turn, each in its own voice.
 */
export type SpokenAnswer =
  | { kind: "unknown_caller" }
  | { kind: "unavailable"; line: SpokenLine | null }
  | {
      kind: "trial_used_up" | "spending_cap_reached" | "account_inactive" | "voicemail_message";
      line: SpokenLine;
    }
  /** A reminder call's voicemail: the time of the reminder (in the line's zone), nothing private. */
  | { kind: "reminder_voicemail"; line: SpokenLine; at: Date; timezone: string };

export interface SpokenLine {
  name: string;
  /** The line's BCP-47 tag, e.g. "es-US": picks the copy and Twilio's voice. */
  language: string;
}

const LANGUAGES = ["en", "es"] as const;

export function spokenTwiml(answer: SpokenAnswer): string {
  switch (answer.kind) {
    case "unknown_caller":
      return inEveryLanguage((language) => copyFor(language).phone.unknownCaller);
    case "unavailable": {
      const { line } = answer;
      if (!line) return inEveryLanguage((language) => copyFor(language).phone.unavailable);
      return inLineLanguage(line, copyFor(languageOf(line.language)).phone.unavailable);
    }
    case "trial_used_up":
      return inLineLanguage(answer.line, phoneOf(answer.line).trialUsedUp(answer.line.name));
    case "spending_cap_reached":
      return inLineLanguage(answer.line, phoneOf(answer.line).spendingCapReached(answer.line.name));
    case "account_inactive":
      return inLineLanguage(answer.line, phoneOf(answer.line).accountInactive(answer.line.name));
    case "voicemail_message":
      return inLineLanguage(answer.line, phoneOf(answer.line).voicemail(answer.line.name));
    case "reminder_voicemail": {
      const words = copyFor(languageOf(answer.line.language)).reminders;
      const time = spokenClock(words, answer.at, answer.timezone);
      return inLineLanguage(answer.line, [words.voicemail(answer.line.name, time)]);
    }
  }
}

const phoneOf = (line: SpokenLine) => copyFor(languageOf(line.language)).phone;

function inLineLanguage(line: SpokenLine, sentences: string[]): string {
  return sayThenHangUp([{ sentences, language: line.language }]);
}

function inEveryLanguage(pick: (language: (typeof LANGUAGES)[number]) => string[]): string {
  return sayThenHangUp(
    LANGUAGES.map((language) => ({ sentences: pick(language), language: copyFor(language).locale })),
  );
}
