import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";

describe("local Auth password hashes", () => {
  it("verifies the right password, refuses a wrong one, and salts every hash", async () => {
    const first = await hashPassword("correct horse battery", 1000);
    const second = await hashPassword("correct horse battery", 1000);
    expect(first).toMatch(/^\$pbkdf2-sha256\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword("correct horse battery", first)).toBe(true);
    expect(await verifyPassword("correct horse batterY", first)).toBe(false);
  });

  it("uses OWASP's 600,000 iterations by default", async () => {
    expect((await hashPassword("x")).split("$")[2]).toBe("600000");
  });

  it("refuses missing, foreign and malformed hashes", async () => {
    expect(await verifyPassword("x", null)).toBe(false);
    expect(await verifyPassword("x", "$2a$10$abcdefghijklmnopqrstuv")).toBe(false);
    expect(await verifyPassword("x", "$pbkdf2-sha256$zero$AA==$AA==")).toBe(false);
  });
});
