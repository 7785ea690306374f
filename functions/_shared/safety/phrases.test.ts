import { describe, expect, it } from "vitest";
import { SAFETY_PHRASES, scanForSafety } from "./phrases.ts";

describe("scanForSafety", () => {
  it.each([
    ["I just want to die", "high", "want_to_die"],
    ["Sometimes I think about killing myself.", "high", "suicide"],
    ["I don't want to live like this anymore", "high", "not_want_to_live"],
    ["I've been thinking of hurting myself", "high", "self_harm"],
    ["I fell and I can't get up", "high", "emergency"],
    ["Everyone would be better off dead... I mean me, better off dead", "high", "want_to_die"],
    ["Ya no quiero vivir", "high", "quiero_morir"],
    ["He pensado en quitarme la vida", "high", "suicidio"],
    ["Me quiero morir", "high", "quiero_morir"],
    ["Quiero hacerme daño", "high", "autolesion"],
    ["Tengo dolor en el pecho", "high", "emergencia"],
    ["It all feels hopeless", "medium", "hopeless"],
    ["I'm such a burden to everyone", "medium", "burden"],
    ["I am dying, the doctor says", "medium", "dying"],
    ["Ya no puedo más", "medium", "desesperanza"],
    ["I've been so lonely since Frank passed", "low", "lonely"],
    ["Me siento muy sola", "low", "soledad"],
    ["Estoy deprimido", "low", "soledad"],
  ])("finds %j as %s", (text, tier, label) => {
    const result = scanForSafety(text);
    expect(result.tier).toBe(tier);
    expect(result.labels).toContain(label);
  });

  it.each([
    "I'm dead tired after the garden club",
    "Just killing time until the game starts",
    "Her lemon cake is to die for",
    "I'm dying to see the grandchildren",
    "I was bored to death at the meeting",
    "My knees are killing me today",
    "We nearly killed ourselves laughing",
    "I'd kill myself laughing at that show",
    "Me muero de risa con mi nieto",
    "Estoy muerta de cansancio",
    "Solo quería matar el tiempo",
    "The suicide squad movie was loud",
  ])("leaves figures of speech alone: %j", (text) => {
    // The last one is a deliberate false positive: a film title still gets a gentle check-in.
    const expected = text.includes("suicide") ? "high" : null;
    expect(scanForSafety(text).tier).toBe(expected);
  });

  it("matches whole words only", () => {
    expect(scanForSafety("The ladies' club had a dying-light theme").tier).toBeNull();
    expect(scanForSafety("unhopeless").tier).toBeNull();
    expect(scanForSafety("My solo trip").tier).toBeNull();
  });

  it("still finds a real phrase beside an excluded one", () => {
    expect(scanForSafety("I'm dead tired and I want to die").tier).toBe("high");
    expect(scanForSafety("Killing time, I keep thinking I'm a burden to my family").tier).toBe("medium");
  });

  it("does not stitch a phrase across an exclusion", () => {
    // "want to" + ["die for" is not excluded] — but "to die for" is, so "want to die" must not appear.
    expect(scanForSafety("a pie I want to die for").tier).toBeNull();
  });

  it("reports the most severe tier with every label at that tier", () => {
    const result = scanForSafety("I'm lonely and hopeless and I want to kill myself and end my life");
    expect(result).toEqual({ tier: "high", labels: ["suicide"] });
    expect(scanForSafety("lonely and hopeless").tier).toBe("medium");
  });

  it("ignores case, accents and curly apostrophes", () => {
    expect(scanForSafety("I DON’T WANT TO LIVE").tier).toBe("high");
    expect(scanForSafety("SUICIDIO").tier).toBe("high");
    expect(scanForSafety("quiero hacerme dano").tier).toBe("high");
  });

  it("returns nothing for ordinary conversation", () => {
    expect(scanForSafety("The dahlias are blooming and my grandson visits Sunday")).toEqual({
      tier: null,
      labels: [],
    });
  });

  it("every pattern compiles and has a unique label", () => {
    const labels = SAFETY_PHRASES.map((phrase) => phrase.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const phrase of SAFETY_PHRASES) expect(() => new RegExp(phrase.pattern)).not.toThrow();
  });
});
