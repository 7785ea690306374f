import { describe, expect, it } from "vitest";
import { trackedBackground } from "./background.ts";

describe("tracked background work", () => {
  it("settles once every piece of work (and work started meanwhile) has finished, failures included", async () => {
    const background = trackedBackground();
    const done: string[] = [];
    let release: () => void = () => {};
    background.run(
      new Promise<void>((resolve) => {
        release = resolve;
      }).then(() => {
        done.push("first");
        background.run(Promise.resolve().then(() => done.push("second")));
      }),
    );
    background.run(Promise.reject(new Error("ignored")));
    const settled = background.settled().then(() => done.push("settled"));
    release();
    await settled;
    expect(done).toEqual(["first", "second", "settled"]);
  });
});
