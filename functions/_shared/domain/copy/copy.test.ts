import { describe, expect, it } from "vitest";
import { KEYPAD } from "../../contracts/keypad.ts";
import { callApology, callPhrases, copyFor, languageOf } from "./index.ts";
import type { Copy } from "./types.ts";

/** The sentences worded from the keypad's digits rather than a name. */
const KEYED = new Set(["optOutConfirm", "help", "repeat"]);
/** Sentences with more than a name: their sample variables. */
const SAMPLES: Record<string, unknown[]> = {
  emergencyAlert: ["Rosie", "said they had fallen and could not get up", "Nov 28, 3:05 PM EST"],
  invitation: ["The Garcias", "ana@example.com"],
  missedCall: ["Rosie", "Mon, Dec 7, 9:00 AM", 3],
  mediumSummary: ["Rosie", 2],
  weeklyDigest: [
    {
      weekOf: "Nov 23",
      answered: 5,
      missed: 1,
      minutes: 62,
      alerts: 0,
      mood: { average: 3.5, trend: "up" },
      messagesDelivered: 2,
      remindersAcknowledged: 6,
      remindersMissed: 1,
    },
  ],
};

/** Every sentence of a copy, with its variables filled, as [path, text] pairs. */
function sentences(copy: Copy): [string, string][] {
  const out: [string, string][] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === "string") {
      out.push([path, value]);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}[${i}]`);
    } else if (typeof value === "function") {
      const key = path.slice(path.lastIndexOf(".") + 1);
      const args = KEYED.has(key) ? [KEYPAD] : (SAMPLES[key] ?? ["Rosie", true]);
      walk(value(...args), `${path}()`);
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key);
    }
  };
  walk(
    {
      call: copy.call,
      phone: copy.phone,
      sms: copy.sms,
      safety: copy.safety,
      invites: copy.invites,
      careCircle: copy.careCircle,
    },
    "",
  );
  return out;
}

describe("copy", () => {
  it("maps a line's BCP-47 tag to its copy language", () => {
    expect(languageOf("es-US")).toBe("es");
    expect(languageOf("es")).toBe("es");
    expect(languageOf("ES-mx")).toBe("es");
    expect(languageOf("en-US")).toBe("en");
    expect(languageOf("fr-FR")).toBe("en");
  });

  it("has the same sentences in both languages, none of them empty and none left in English", () => {
    const english = sentences(copyFor("en"));
    const spanish = sentences(copyFor("es"));
    expect(spanish.map(([path]) => path)).toEqual(english.map(([path]) => path));
    for (const [path, text] of [...english, ...spanish]) {
      expect(text.trim().length, path).toBeGreaterThan(10);
      expect(text, path).not.toMatch(/undefined|\[object/);
    }
    const spanishByPath = new Map(spanish);
    for (const [path, text] of english) expect(spanishByPath.get(path), path).not.toBe(text);
  });

  it("words the Worker's phrases with the keypad's own digits", () => {
    for (const language of ["en", "es"] as const) {
      const phrases = callPhrases(language, "Rosie", true);
      for (const value of Object.values(phrases)) expect(value.length).toBeGreaterThan(10);
      expect(phrases.greeting).toContain("Rosie");
      expect(phrases.help).toContain("988");
      expect(phrases.help).toContain(KEYPAD.repeat);
      expect(phrases.help).toContain(KEYPAD.optOut);
      expect(phrases.optOutConfirm).toContain(KEYPAD.optOut);
      expect(phrases.repeat).toContain(KEYPAD.repeat);
    }
    expect(callPhrases("en", "Rosie", true).greeting).toContain("AI companion");
    expect(callPhrases("en", "Rosie", false).greeting).not.toContain("AI companion");
    expect(callPhrases("es", "Maria", true).greeting).toContain("inteligencia artificial");
    expect(callPhrases("en", "Rosie", false).minutesGoodbye).toMatch(/free trial/);
    expect(callPhrases("en", "Rosie", false, "spending_cap").minutesGoodbye).toMatch(
      /set aside for this month/,
    );
    expect(callPhrases("es", "Maria", false, "spending_cap").lowMinutes).toMatch(/límite de gasto mensual/);
  });

  it("apologises in the line's language, by name when the line is known", () => {
    expect(callApology("es", "Maria")).toMatch(/^Lo siento, Maria, /);
    expect(callApology("en", "Rosie")).toMatch(/^I'm sorry, Rosie, /);
    expect(callApology("es", null)).toMatch(/^Lo siento, tengo/);
    expect(callApology("en", null)).toMatch(/^I'm sorry, I'm having/);
  });

  it("says the digest's mood, family messages and reminders only when the week has them", () => {
    const week = {
      weekOf: "Nov 23",
      answered: 1,
      missed: 0,
      minutes: 9,
      alerts: 0,
      mood: null,
      messagesDelivered: 0,
      remindersAcknowledged: 0,
      remindersMissed: 0,
    };
    expect(copyFor("en").careCircle.weeklyDigest(week)).toBe(
      "Ultaura weekly summary, week of Nov 23: 1 call answered, 0 missed, 9 minutes of conversation, " +
        "0 safety alerts. See the app for each call.",
    );
    const full = {
      ...week,
      mood: { average: 2.5, trend: "down" as const },
      messagesDelivered: 2,
      remindersAcknowledged: 0,
      remindersMissed: 1,
    };
    expect(copyFor("en").careCircle.weeklyDigest(full)).toContain(
      "0 safety alerts. Average mood 2.5 of 5, down from the week before. 2 family messages passed on. " +
        "Reminders: 0 confirmed, 1 missed. See the app",
    );
    expect(copyFor("es").careCircle.weeklyDigest(full)).toContain(
      "alertas de seguridad. Ánimo promedio: 2.5 de 5, más bajo que la semana anterior. " +
        "2 mensajes de la familia transmitidos. Recordatorios: 0 confirmados, 1 perdido. Vea cada llamada",
    );
    expect(copyFor("es").careCircle.weeklyDigest({ ...full, mood: { average: 4, trend: null } })).toContain(
      "Ánimo promedio: 4.0 de 5. 2 mensajes",
    );
  });
});
