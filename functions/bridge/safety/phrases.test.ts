import { describe, expect, it } from "vitest";
import { clausesOf, SAFETY_PHRASES, scanForSafety } from "./phrases.ts";

// Unit cases for the scanner's rules; recall and false alarms are measured on eval/ by `npm run bench safety`.
const tierOf = (text: string) => scanForSafety(text).tier;

describe("scanForSafety tiers", () => {
  it.each([
    ["Help, I fell getting out of the tub and I can't get up", "emergency", "fall"],
    ["I've been lying on the hallway floor all night", "emergency", "fall"],
    ["I'm lying on the bathroom floor", "emergency", "fall"],
    ["My face is drooping and I can't talk right", "emergency", "stroke"],
    ["There's a heavy pressure in my chest and I feel sick", "emergency", "chest_pain"],
    ["My right arm went numb and my words are all jumbled", "emergency", "stroke"],
    ["I can barely breathe", "emergency", "breathing"],
    ["My husband collapsed in the kitchen", "emergency", "unresponsive"],
    ["Me caí en la sala y no me puedo levantar", "emergency", "fall"],
    ["Me duele mucho el pecho", "emergency", "chest_pain"],
    ["Mi esposo no respira", "emergency", "unresponsive"],
  ])("%j is an emergency (%s)", (text, tier, category) => {
    const result = scanForSafety(text);
    expect(result.tier).toBe(tier);
    expect(result.categories).toContain(category);
  });

  it.each([
    ["I keep thinking about killing myself", "high"],
    ["Honestly I wish I could fall asleep and never wake up", "high"],
    ["My family would be better off without me", "high"],
    ["I've been stashing my sleeping tablets", "high"],
    ["Quiero acabar con mi vida", "high"],
    ["I'm such a burden to my son", "medium"],
    ["Someone keeps taking money out of my account", "medium"],
    ["I don't know where I am", "medium"],
    ["I ran out of my insulin on Monday", "medium"],
    ["No he comido nada desde el martes", "medium"],
    ["I'm so lonely in this house", "low"],
    // Written after a first round of fresh probes missed them:
    ["My chest feels heavy and I'm sweating", "emergency"],
    ["I can't get my breath", "emergency"],
    ["I've been thinking it'd be easier if I wasn't around", "high"],
    ["I'd like to just go to sleep forever", "high"],
    ["I've got enough pills saved up to do it", "high"],
    ["I'm nothing but a burden", "medium"],
    ["My nephew has been using my credit card without asking", "medium"],
    ["I don't know what year it is", "medium"],
    ["I've run out of my blood pressure pills", "medium"],
    ["The furnace broke and it's freezing", "medium"],
    // …and after a second round:
    ["I've got a crushing feeling across my chest", "emergency"],
    ["My jaw and my arm hurt and I feel sick and sweaty", "emergency"],
    ["Suddenly my left hand won't grip anything and my face feels numb", "emergency"],
    ["I went down hard in the hallway and my legs won't work", "emergency"],
    ["I'm done with life", "high"],
    ["My son's girlfriend twists my arm till it hurts", "high"],
    ["Ya no aguanto más, quiero que todo termine", "high"],
    ["Me robaron la pensión", "medium"],
    // …and a third:
    ["My chest is killing me and it's spreading to my back", "emergency"],
    ["I'm struggling to breathe", "emergency"],
    ["They'd all be happier if I were dead", "high"],
    ["I've had enough of living", "high"],
    ["I'm planning to take all my sleeping pills tonight", "high"],
    ["I can't see a way out of this", "medium"],
    ["Someone's been cashing my checks", "medium"],
    ["Nadie viene a visitarme nunca", "low"],
    // …and a fourth:
    ["There's an awful pressure behind my breastbone", "emergency"],
    ["My right side went all weak and I dropped my cup", "emergency"],
    ["Oh my God, George just slumped over at the table and he's not talking", "emergency"],
    ["Me está apretando mucho el pecho y tengo sudor frío", "emergency"],
    ["I think about dying all the time, I'd welcome it", "high"],
    ["I've been looking up how many of my heart pills it would take", "high"],
    ["My pills ran out on Friday and the pharmacy won't refill them", "medium"],
    ["I've lost my spark, I just mope around", "low"],
    ["Estoy muy triste", "low"],
  ])("%j is %s", (text, tier) => {
    expect(tierOf(text)).toBe(tier);
  });
});

describe("what does not count", () => {
  it.each([
    "I'm dead tired, just killing time",
    "That pie is to die for",
    "I fell asleep in front of the telly",
    "I fell in love with Paris",
    "I can't get up as early as I used to",
    "Don't breathe a word to Mum",
    "Me muero de risa con mi nieta",
    "Este crucigrama me está matando",
    "She beat me at cards again",
    "My daughter isn't responding to my texts",
    "I'd rather be dead than wear that hat",
    "I wanted to say goodbye before you hang up",
    "The cat is a burden some days",
    "I haven't eaten yet, I'm making soup now",
    "Nobody came to the meeting because of the snow",
    "I feel low on energy before my coffee",
    "No he comido todavía, estoy cocinando",
  ])("figure of speech: %j", (text) => {
    expect(tierOf(text)).toBeNull();
  });

  // An emergency texts the family: breathlessness on effort, old injuries and habits must not.
  it.each([
    "I get short of breath when I walk up the hill",
    "I can't lift my arm above my shoulder since the surgery",
    "I can't breathe in this heat, it's so humid",
    "Sorry, I can't catch my breath, I ran for the phone",
    "He passed out on the couch after the game",
    "My husband won't wake up before noon on Sundays",
    "I had a stroke three years ago and I've recovered",
    "The grandkids are on the floor playing with the dog",
    "We had a falling out with the neighbours",
    "Se me cayó el teléfono al suelo",
    "Mi nieta se desmayó de la emoción en el concierto, ya está bien",
    "I fell off the wagon and had a slice of cake",
    "I hope the weeds die in this frost",
    "I want to live to see my great-grandchildren",
    "The chest freezer is full of soup",
    "I'm dying of thirst, let me get some water",
    "I'm taking all my pills like the doctor said",
    "My chest was tight from the cold air earlier but it's fine now that I'm inside",
    "Mi nieto se cayó de la bici pero está bien",
  ])("not an emergency: %j", (text) => {
    expect(tierOf(text)).not.toBe("emergency");
  });

  it("a negation just before the phrase in its clause cancels it", () => {
    expect(tierOf("I would never hurt myself")).toBeNull();
    expect(tierOf("I'm not lonely, not with the church ladies")).toBeNull();
    expect(tierOf("Nunca me haría daño")).toBeNull();
    expect(tierOf("No me siento sola")).toBeNull();
    // …but not across a comma or a "but", and not a double negative.
    expect(tierOf("I'm not sure, I just want to die")).toBe("high");
    expect(tierOf("I don't complain but I feel so alone")).toBe("low");
    expect(tierOf("I wouldn't mind if I died tonight")).toBe("high");
  });

  it("other people's words, films and books are not the caller's", () => {
    expect(tierOf("My grandson cut himself shaving")).toBeNull();
    expect(tierOf("My sister has been depressed since her divorce")).toBeNull();
    expect(tierOf("I think she's tired of living there")).toBeNull();
    expect(tierOf("Mi hermana está muy triste")).toBeNull();
    // …unless the phrase itself names the caller, or the caller is the nearer subject.
    expect(tierOf("My kids would be better off if I was gone")).toBe("high");
    expect(tierOf("My daughter says I'm depressed")).toBe("low");
    expect(tierOf("The movie was about a man who wanted to die")).toBeNull();
    expect(tierOf("La telenovela de anoche: ella quería morir")).toBeNull();
  });

  it("something now is not something years ago", () => {
    expect(tierOf("I had chest pain years ago, before my bypass")).toBeNull();
    expect(tierOf("I have chest pain right now")).toBe("emergency");
  });

  it("needs both halves of a fall in the same transcript, not stitched across an exclusion", () => {
    expect(tierOf("I fell")).toBeNull();
    expect(tierOf("I fell and I can't get up")).toBe("emergency");
    expect(tierOf("I fell asleep, can't get up before nine")).toBeNull();
  });
});

describe("result shape", () => {
  it("reports the most severe tier with every label at it", () => {
    expect(scanForSafety("I'm lonely and I want to kill myself and end my life")).toEqual({
      tier: "high",
      labels: ["suicide"],
      categories: ["suicide"],
    });
    expect(scanForSafety("lonely, and I fell and can't get up").tier).toBe("emergency");
  });

  it("returns nothing for ordinary conversation", () => {
    expect(scanForSafety("The dahlias are blooming and my grandson visits Sunday")).toEqual({
      tier: null,
      labels: [],
      categories: [],
    });
  });

  it("cuts clauses at punctuation and at 'but'/'pero'", () => {
    expect(clausesOf("Well, I'm fine. But I fell! Pero no")).toEqual(["well", "im fine", "i fell", "no"]);
  });

  it("every pattern compiles and every label is unique", () => {
    const labels = SAFETY_PHRASES.map((phrase) => phrase.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const phrase of SAFETY_PHRASES) {
      expect(() => new RegExp(phrase.pattern)).not.toThrow();
      for (const also of phrase.with ?? []) expect(() => new RegExp(also)).not.toThrow();
    }
  });
});
