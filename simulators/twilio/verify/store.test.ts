import { describe, expect, it } from "vitest";
import { CODE_TTL_MS, type VerifyResult, VerifyStore } from "./store.ts";

const SERVICE = "VA00000000000000000000000000000001";
const TO = "+15555550100";

function setup() {
  let now = 1_000_000;
  let codes = 0;
  let sids = 0;
  const store = new VerifyStore(
    () => now,
    () => String(123456 + codes++),
    () => `VE${String(sids++).padStart(32, "0")}`,
  );
  return { store, advance: (ms: number) => (now += ms) };
}

function errorCode(result: VerifyResult): number | undefined {
  return result.ok ? undefined : result.error.code;
}

function status(result: VerifyResult): string | undefined {
  return result.ok ? result.verification.status : undefined;
}

describe("VerifyStore", () => {
  it("sends a pending code and approves it once", () => {
    const { store } = setup();
    const sent = store.send(SERVICE, TO, "sms");
    expect(status(sent)).toBe("pending");
    expect(sent.ok && sent.verification.code).toBe("123456");
    expect(status(store.check(SERVICE, TO, "123456"))).toBe("approved");
    expect(errorCode(store.check(SERVICE, TO, "123456"))).toBe(20404);
  });

  it("keeps a wrong code pending", () => {
    const { store } = setup();
    store.send(SERVICE, TO, "sms");
    expect(status(store.check(SERVICE, TO, "000000"))).toBe("pending");
    expect(status(store.check(SERVICE, TO, "123456"))).toBe("approved");
  });

  it("re-sends the same code while the verification is pending, on any channel", () => {
    const { store } = setup();
    store.send(SERVICE, TO, "sms");
    const again = store.send(SERVICE, TO, "call");
    expect(
      again.ok && [again.verification.code, again.verification.channel, again.verification.sends.length],
    ).toEqual(["123456", "call", 2]);
  });

  it("refuses a sixth send within ten minutes with 60203, and allows it afterwards", () => {
    const { store, advance } = setup();
    for (let i = 0; i < 5; i += 1) expect(status(store.send(SERVICE, TO, "sms"))).toBe("pending");
    expect(errorCode(store.send(SERVICE, TO, "sms"))).toBe(60203);
    advance(CODE_TTL_MS);
    expect(status(store.send(SERVICE, TO, "sms"))).toBe("pending");
  });

  it("refuses a sixth check with 60202, and keeps refusing", () => {
    const { store } = setup();
    store.send(SERVICE, TO, "sms");
    for (let i = 0; i < 5; i += 1) expect(status(store.check(SERVICE, TO, "000000"))).toBe("pending");
    expect(errorCode(store.check(SERVICE, TO, "123456"))).toBe(60202);
    expect(errorCode(store.check(SERVICE, TO, "123456"))).toBe(60202);
  });

  it("starts a new verification with a new code after max check attempts", () => {
    const { store } = setup();
    store.send(SERVICE, TO, "sms");
    for (let i = 0; i < 6; i += 1) store.check(SERVICE, TO, "000000");
    const fresh = store.send(SERVICE, TO, "sms");
    expect(fresh.ok && fresh.verification.code).toBe("123457");
    expect(status(store.check(SERVICE, TO, "123457"))).toBe("approved");
  });

  it("expires codes after ten minutes (20404), and a new send gets a new code", () => {
    const { store, advance } = setup();
    store.send(SERVICE, TO, "sms");
    advance(CODE_TTL_MS - 1);
    expect(status(store.check(SERVICE, TO, "000000"))).toBe("pending");
    advance(1);
    expect(errorCode(store.check(SERVICE, TO, "123456"))).toBe(20404);
    const fresh = store.send(SERVICE, TO, "sms");
    expect(fresh.ok && fresh.verification.code).toBe("123457");
  });

  it("answers 20404 when nothing was sent, or to another service", () => {
    const { store } = setup();
    expect(errorCode(store.check(SERVICE, TO, "123456"))).toBe(20404);
    store.send(SERVICE, TO, "sms");
    expect(errorCode(store.check(`VA${"1".repeat(32)}`, TO, "123456"))).toBe(20404);
  });

  it.each([
    ["a number that is not E.164", () => setup().store.send(SERVICE, "5555550100", "sms")],
    ["an unknown channel", () => setup().store.send(SERVICE, TO, "whatsapp")],
    ["a code that is not digits", () => setup().store.check(SERVICE, TO, "abc")],
  ])("answers 60200 for %s", (_label, run) => {
    expect(errorCode(run())).toBe(60200);
  });
});
