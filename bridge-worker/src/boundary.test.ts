import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The two deployables share one contract and nothing else: the Worker imports nothing from functions/
 * except functions/_shared/contracts/, and the contract imports nothing of the project but itself.
 */
const root = resolve(import.meta.dirname, "../..");
const contracts = join(root, "functions/_shared/contracts");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import of a file, resolved to a path from the repository root. */
function projectImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return specifiers.map((specifier) => relative(root, resolve(file, "..", specifier)));
}

describe("the contract boundary", () => {
  it("the Worker imports nothing from functions/ but the contract module", () => {
    const crossing = sources(join(root, "bridge-worker"))
      .flatMap((file) => projectImports(file).map((target) => `${relative(root, file)} → ${target}`))
      .filter((line) => line.includes("→ functions/") && !line.includes("→ functions/_shared/contracts/"));
    expect(crossing).toEqual([]);
  });

  it("the contract module imports nothing of the project outside itself", () => {
    const outside = sources(contracts)
      .filter((file) => !file.endsWith(".test.ts"))
      .flatMap((file) => projectImports(file).map((target) => `${relative(root, file)} → ${target}`))
      .filter((line) => !line.split(" → ")[1]?.startsWith("functions/_shared/contracts/"));
    expect(outside).toEqual([]);
  });
});
