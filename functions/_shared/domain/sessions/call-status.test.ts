import { describe, expect, it } from "vitest";
import { decideStatus, isFinal, toSessionStatus } from "./call-status.ts";

describe("call status", () => {
  it("maps Twilio's statuses onto ours", () => {
    expect(toSessionStatus("in-progress")).toBe("in_progress");
    expect(toSessionStatus("no-answer")).toBe("no_answer");
    expect(isFinal("completed")).toBe(true);
    expect(isFinal("ringing")).toBe(false);
  });

  it("applies newer callbacks and ignores older ones by sequence", () => {
    expect(
      decideStatus({ status: "initiated", lastSequence: 0 }, { status: "ringing", sequence: 1 }),
    ).toEqual({
      apply: true,
      final: false,
      sequence: 1,
    });
    expect(
      decideStatus({ status: "in_progress", lastSequence: 2 }, { status: "ringing", sequence: 1 }),
    ).toEqual({
      apply: false,
      reason: "stale",
    });
    expect(
      decideStatus({ status: "in_progress", lastSequence: 2 }, { status: "in_progress", sequence: 2 }),
    ).toEqual({
      apply: false,
      reason: "stale",
    });
  });

  it("applies a final status even when it overtakes earlier callbacks, then nothing after it", () => {
    expect(
      decideStatus({ status: "created", lastSequence: -1 }, { status: "completed", sequence: 3 }),
    ).toEqual({
      apply: true,
      final: true,
      sequence: 3,
    });
    expect(
      decideStatus({ status: "completed", lastSequence: 3 }, { status: "ringing", sequence: 1 }),
    ).toEqual({
      apply: false,
      reason: "already_final",
    });
    expect(
      decideStatus({ status: "completed", lastSequence: 3 }, { status: "completed", sequence: 3 }),
    ).toEqual({
      apply: false,
      reason: "already_final",
    });
  });

  it("orders by a status's place in the call when there is no sequence", () => {
    expect(
      decideStatus({ status: "ringing", lastSequence: 1 }, { status: "initiated", sequence: null }),
    ).toEqual({
      apply: false,
      reason: "stale",
    });
    expect(
      decideStatus({ status: "ringing", lastSequence: 1 }, { status: "in_progress", sequence: null }),
    ).toEqual({
      apply: true,
      final: false,
      sequence: 2,
    });
  });
});
