/**
 * The person's own date and time, computed with Intl in the line's zone: the earlier product gave the
 * model no clock at all, yet asked it to reason about "tomorrow at ten".
 */
import { copyFor, type Language, languageOf } from "../../_shared/domain/copy/index.ts";

export type PromptLanguage = Language;

export const promptLanguage: (bcp47: string) => PromptLanguage = languageOf;

function locale(language: PromptLanguage): string {
  return copyFor(language).locale;
}

/** e.g. "Tuesday, March 3, 2026 at 10:05 AM" or "martes, 3 de marzo de 2026, 10:05 a.m." */
export function describeLocalNow(now: Date, timeZone: string, language: PromptLanguage): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone,
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(now);
}

/** e.g. "Monday, March 2" — for the summary of earlier calls. */
export function describeLocalDay(at: Date, timeZone: string, language: PromptLanguage): string {
  return new Intl.DateTimeFormat(locale(language), {
    timeZone,
    weekday: "long",
    month: "long",
    day: "numeric",
  }).format(at);
}
