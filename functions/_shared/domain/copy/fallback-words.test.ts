import { describe, expect, it } from "vitest";
import { FALLBACK_WORDS } from "../../contracts/fallback-words.ts";
import { copyFor } from "./index.ts";

describe("the Worker's fallback words", () => {
  it("are the copy module's `phone.unavailable`, in English and Spanish", () => {
    expect(FALLBACK_WORDS).toEqual([
      { language: "en-US", sentences: copyFor("en").phone.unavailable },
      { language: "es-US", sentences: copyFor("es").phone.unavailable },
    ]);
  });
});
