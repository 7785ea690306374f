import { describe, expect, it } from "vitest";
import { ManualScheduler } from "./manual-scheduler.ts";

describe("ManualScheduler", () => {
  it("runs nothing until moved, then each timer at its own instant, in order", async () => {
    const clock = new ManualScheduler(1_000);
    const ran: string[] = [];
    clock.setTimeout(() => ran.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => ran.push(`a@${clock.now()}`), 10);
    const tick = clock.setInterval(() => ran.push(`i@${clock.now()}`), 15);
    expect(ran).toEqual([]);
    await clock.advance(30);
    expect(ran).toEqual(["a@1010", "i@1015", "b@1020", "i@1030"]);
    expect(clock.now()).toBe(1_030);
    clock.clear(tick);
    expect(clock.size).toBe(0);
  });

  it("runs timers that a timer's promise sets, within the same advance", async () => {
    const clock = new ManualScheduler(0);
    const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const steps: number[] = [];
    void (async () => {
      await wait(10);
      steps.push(clock.now());
      await wait(10);
      steps.push(clock.now());
    })();
    await clock.advance(25);
    expect(steps).toEqual([10, 20]);
  });
});
