import { describe, expect, it } from "vitest";
import { normalizeText } from "../text/normalize.ts";
import { contentWords, matchDescription, rankByTopic, relevance, sameMemoryText } from "./match.ts";

const memories = [
  { id: "a", text: "Rose grows prize-winning dahlias and loves talking about her garden" },
  { id: "b", text: "Her grandson Leo plays football on Saturdays" },
  { id: "c", text: "Her granddaughter Mia plays the violin" },
  { id: "d", text: "She is nervous about her cardiology appointment" },
];
const text = (m: { text: string }) => m.text;

describe("normalizeText and contentWords", () => {
  it("folds case, accents, apostrophes and punctuation", () => {
    expect(normalizeText("  Don’t forget: Café  CON leche! ")).toBe("dont forget cafe con leche");
  });
  it("drops stopwords in English and Spanish", () => {
    expect(contentWords("forget that")).toEqual([]);
    expect(contentWords("olvida eso de la cita")).toEqual(["cita"]);
    expect(contentWords("the dahlias, the DAHLIAS")).toEqual(["dahlias"]);
  });
});

describe("relevance", () => {
  it("is the share of the query's content words present, with stems counting most of a word", () => {
    expect(relevance("dahlias garden", memories[0]?.text ?? "")).toBe(1);
    expect(relevance("dahlia", memories[0]?.text ?? "")).toBe(0.75);
    expect(relevance("dahlias violin", memories[0]?.text ?? "")).toBe(0.5);
    expect(relevance("that", memories[0]?.text ?? "")).toBe(0);
  });
  it("does not count stems shorter than four letters", () => {
    expect(relevance("gr", "grandson")).toBe(0);
  });
});

describe("rankByTopic", () => {
  it("returns only matching memories, best first, at most the limit", () => {
    const ranked = rankByTopic("grandson football", memories, text);
    expect(ranked.map((r) => r.item.id)).toEqual(["b"]);
    const plays = rankByTopic("plays", memories, text, 1);
    expect(plays.map((r) => r.item.id)).toEqual(["b"]);
  });
  it("keeps input order for equal scores", () => {
    expect(rankByTopic("plays", memories, text).map((r) => r.item.id)).toEqual(["b", "c"]);
  });
  it("finds nothing for a topic without content words", () => {
    expect(rankByTopic("it", memories, text)).toEqual([]);
  });
});

describe("matchDescription", () => {
  it("picks the one clear match", () => {
    expect(matchDescription("the cardiology appointment", memories, text)).toEqual({
      kind: "match",
      item: memories[3],
    });
    expect(matchDescription("Leo's football", memories, text)).toEqual({ kind: "match", item: memories[1] });
  });
  it("refuses a description with no content words ('forget that')", () => {
    expect(matchDescription("that", memories, text)).toEqual({ kind: "none" });
  });
  it("refuses when nothing covers enough of the description", () => {
    expect(matchDescription("the trip to Paris with Frank", memories, text)).toEqual({ kind: "none" });
  });
  it("reports every close candidate when two are about equally good", () => {
    const result = matchDescription("what the grandchild plays", memories, text);
    expect(result).toEqual({ kind: "ambiguous", candidates: [memories[1], memories[2]] });
  });
  it("takes the better of two when it is clearly better", () => {
    expect(matchDescription("Mia plays violin", memories, text)).toEqual({
      kind: "match",
      item: memories[2],
    });
  });
});

describe("sameMemoryText", () => {
  it("treats case, accents and punctuation differences as the same memory", () => {
    expect(sameMemoryText("Likes café con leche.", "likes cafe con LECHE")).toBe(true);
    expect(sameMemoryText("Likes tea", "Likes coffee")).toBe(false);
  });
});
