import { describe, expect, it } from "vitest";
import {
  answeredByFor,
  type CallStatus,
  callDurationSeconds,
  canTransition,
  eventForStatus,
  isTerminal,
  parseStatusCallbackEvents,
  twilioDate,
} from "./status.ts";

describe("call status sequence", () => {
  it("walks the answered path queued → initiated → ringing → in-progress → completed", () => {
    const path: CallStatus[] = ["queued", "initiated", "ringing", "in-progress", "completed"];
    for (let i = 1; i < path.length; i += 1) {
      expect(canTransition(path[i - 1] ?? "queued", path[i] ?? "queued")).toBe(true);
    }
  });

  it.each([
    ["ringing", "busy"],
    ["ringing", "no-answer"],
    ["ringing", "canceled"],
    ["queued", "canceled"],
    ["initiated", "failed"],
  ] as const)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each([
    ["queued", "in-progress"],
    ["in-progress", "ringing"],
    ["in-progress", "busy"],
    ["in-progress", "canceled"],
    ["completed", "in-progress"],
    ["busy", "completed"],
    ["ringing", "ringing"],
  ] as const)("refuses %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it("knows the final statuses", () => {
    const all: CallStatus[] = [
      "queued",
      "initiated",
      "ringing",
      "in-progress",
      "completed",
      "busy",
      "no-answer",
    ];
    expect(all.filter(isTerminal)).toEqual(["completed", "busy", "no-answer"]);
    expect(isTerminal("canceled") && isTerminal("failed")).toBe(true);
  });

  it("reports each status under its callback event; every final one is `completed`", () => {
    expect(eventForStatus("queued")).toBeNull();
    expect(eventForStatus("initiated")).toBe("initiated");
    expect(eventForStatus("ringing")).toBe("ringing");
    expect(eventForStatus("in-progress")).toBe("answered");
    for (const status of ["completed", "busy", "no-answer", "canceled", "failed"] as const) {
      expect(eventForStatus(status)).toBe("completed");
    }
  });
});

describe("parseStatusCallbackEvents", () => {
  it("defaults to completed only", () => {
    expect([...parseStatusCallbackEvents([])]).toEqual(["completed"]);
  });

  it("takes repeated and space-separated values, ignoring unknown ones", () => {
    expect([...parseStatusCallbackEvents(["initiated ringing", "answered", "completed", "bogus"])]).toEqual([
      "initiated",
      "ringing",
      "answered",
      "completed",
    ]);
  });

  it("falls back to completed when nothing known is given", () => {
    expect([...parseStatusCallbackEvents(["bogus"])]).toEqual(["completed"]);
  });
});

describe("callDurationSeconds", () => {
  it("is 0 for a call never answered", () => {
    expect(callDurationSeconds(null, 5000)).toBe(0);
  });

  it("rounds connected time up to whole seconds", () => {
    expect(callDurationSeconds(1000, 1000)).toBe(0);
    expect(callDurationSeconds(1000, 1001)).toBe(1);
    expect(callDurationSeconds(1000, 6000)).toBe(5);
    expect(callDurationSeconds(1000, 6000.5)).toBe(6);
  });
});

describe("answeredByFor", () => {
  it("maps the callee and the detection mode to Twilio's AnsweredBy", () => {
    expect(answeredByFor("Enable", "human")).toBe("human");
    expect(answeredByFor("Enable", "machine")).toBe("machine_start");
    expect(answeredByFor("DetectMessageEnd", "machine")).toBe("machine_end_beep");
    expect(answeredByFor("DetectMessageEnd", "fax")).toBe("fax");
  });
});

describe("twilioDate", () => {
  it("writes RFC 2822 with +0000", () => {
    expect(twilioDate(new Date(Date.UTC(2010, 7, 31, 20, 36, 28)))).toBe("Tue, 31 Aug 2010 20:36:28 +0000");
  });
});
