import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize.ts";

describe("normalizeText", () => {
  it("folds case, accents, apostrophes and punctuation", () => {
    expect(normalizeText("  Don’t forget: Café  CON leche! ")).toBe("dont forget cafe con leche");
    expect(normalizeText("¿Me caí? ¡Sí, en el baño!")).toBe("me cai si en el bano");
    expect(normalizeText("I‘m on the floor — I can`t get up")).toBe("im on the floor i cant get up");
  });
  it("keeps digits and makes empty text empty", () => {
    expect(normalizeText("Call 911 now")).toBe("call 911 now");
    expect(normalizeText(" ... ")).toBe("");
  });
});
