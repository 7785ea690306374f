import { beforeEach, describe, expect, it } from "vitest";
import { ManualScheduler } from "../../../tests/support/manual-scheduler.ts";
import type { DocumentSource } from "./documents.ts";
import { Interrupts } from "./interrupts.ts";

const doc = (twiml: string): DocumentSource => ({ kind: "twiml", source: "rest-update", twiml });
const hangUp = { kind: "end", endedBy: "server", reason: "rest-hangup" } as const;

let clock: ManualScheduler;
beforeEach(() => {
  clock = new ManualScheduler();
});

describe("Interrupts", () => {
  it("cuts a wait short", async () => {
    const interrupts = new Interrupts(clock);
    const waiting = interrupts.wait(10_000);
    interrupts.raise(hangUp);
    await waiting;
    expect(clock.size).toBe(0);
    expect(interrupts.ending).toBe(true);
  });

  it("drops a redirect that races a hang-up, whichever comes second", () => {
    const interrupts = new Interrupts(clock);
    expect(interrupts.raise(hangUp)).toBe(true);
    expect(interrupts.raise({ kind: "redirect", document: doc("<Response/>") })).toBe(false);
    expect(interrupts.takeRedirect()).toBeUndefined();
    expect(interrupts.current).toEqual(hangUp);
  });

  it("lets a hang-up replace a redirect not taken yet", () => {
    const interrupts = new Interrupts(clock);
    interrupts.raise({ kind: "redirect", document: doc("<Response/>") });
    expect(interrupts.raise(hangUp)).toBe(true);
    expect(interrupts.takeRedirect()).toBeUndefined();
  });

  it("follows the newest of two redirects, and waits normally again after taking it", async () => {
    const interrupts = new Interrupts(clock);
    interrupts.raise({ kind: "redirect", document: doc("<Response>1</Response>") });
    interrupts.raise({ kind: "redirect", document: doc("<Response>2</Response>") });
    expect(interrupts.takeRedirect()).toEqual(doc("<Response>2</Response>"));
    expect(interrupts.current).toBeUndefined();
    let waited = false;
    const waiting = interrupts.wait(30).then(() => {
      waited = true;
    });
    await clock.advance(29);
    expect(waited).toBe(false);
    await clock.advance(1);
    await waiting;
    expect(waited).toBe(true);
  });

  it("does not wait at all once interrupted", async () => {
    const interrupts = new Interrupts(clock);
    interrupts.raise(hangUp);
    await interrupts.wait(10_000);
    expect(clock.size).toBe(0);
  });
});
