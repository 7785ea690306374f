import { describe, expect, it } from "vitest";
import type { DocumentSource } from "./documents.ts";
import { Interrupts } from "./interrupts.ts";

const doc = (twiml: string): DocumentSource => ({ kind: "twiml", source: "rest-update", twiml });
const hangUp = { kind: "end", endedBy: "server", reason: "rest-hangup" } as const;

describe("Interrupts", () => {
  it("cuts a wait short", async () => {
    const interrupts = new Interrupts();
    const started = performance.now();
    const waiting = interrupts.wait(10_000);
    interrupts.raise(hangUp);
    await waiting;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(interrupts.ending).toBe(true);
  });

  it("drops a redirect that races a hang-up, whichever comes second", () => {
    const interrupts = new Interrupts();
    expect(interrupts.raise(hangUp)).toBe(true);
    expect(interrupts.raise({ kind: "redirect", document: doc("<Response/>") })).toBe(false);
    expect(interrupts.takeRedirect()).toBeUndefined();
    expect(interrupts.current).toEqual(hangUp);
  });

  it("lets a hang-up replace a redirect not taken yet", () => {
    const interrupts = new Interrupts();
    interrupts.raise({ kind: "redirect", document: doc("<Response/>") });
    expect(interrupts.raise(hangUp)).toBe(true);
    expect(interrupts.takeRedirect()).toBeUndefined();
  });

  it("follows the newest of two redirects, and waits normally again after taking it", async () => {
    const interrupts = new Interrupts();
    interrupts.raise({ kind: "redirect", document: doc("<Response>1</Response>") });
    interrupts.raise({ kind: "redirect", document: doc("<Response>2</Response>") });
    expect(interrupts.takeRedirect()).toEqual(doc("<Response>2</Response>"));
    expect(interrupts.current).toBeUndefined();
    const started = performance.now();
    await interrupts.wait(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("does not wait at all once interrupted", async () => {
    const interrupts = new Interrupts();
    interrupts.raise(hangUp);
    const started = performance.now();
    await interrupts.wait(10_000);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
