import { describe, expect, it } from "vitest";
import { decideClose } from "./call-close.ts";

describe("decideClose", () => {
  it("takes Twilio's final status and duration when Twilio knows the call is over", () => {
    expect(decideClose({ known: true, status: "completed", durationSeconds: 61 }, 55, false)).toEqual({
      status: "completed",
      seconds: 61,
      source: "twilio",
      endReason: null,
    });
    expect(
      decideClose({ known: true, status: "no-answer", durationSeconds: null }, null, false),
    ).toMatchObject({
      status: "no_answer",
      seconds: 0,
      source: "twilio",
      endReason: "no_answer",
    });
  });

  it("leaves a call Twilio says is still going, or could not be asked about, unless forced", () => {
    expect(decideClose({ known: true, status: "in-progress", durationSeconds: null }, 40, false)).toBeNull();
    expect(decideClose({ unreachable: true }, 40, false)).toBeNull();
    expect(
      decideClose({ known: true, status: "in-progress", durationSeconds: null }, 40, true),
    ).toMatchObject({
      status: "completed",
      seconds: 40,
      source: "bridge",
      note: "twilio still reports in-progress",
    });
    expect(decideClose({ unreachable: true }, null, true)).toMatchObject({
      status: "failed",
      seconds: 0,
      source: "none",
      note: "twilio unreachable",
    });
  });

  it("falls back to the bridge's seconds, else zero, when Twilio does not know the call", () => {
    expect(decideClose({ known: false }, 70, false)).toMatchObject({ seconds: 70, source: "bridge" });
    expect(decideClose({ known: false }, null, false)).toMatchObject({
      status: "failed",
      seconds: 0,
      source: "none",
      endReason: "error",
      note: "unknown to twilio",
    });
    expect(decideClose({ known: true, status: "completed", durationSeconds: null }, 12, false)).toMatchObject(
      {
        seconds: 12,
        source: "bridge",
        note: "twilio gave no duration",
      },
    );
  });
});
