import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { denoJsonText, functionNames, functionsImportMap } from "./import-map.ts";
import { proveFunctionBundle } from "./prove.ts";

const root = resolve(import.meta.dirname, "..", "..");
const deno = join(root, "node_modules", ".bin", "deno");
const denoDir = join(root, ".ultaura", "deno-cache");
const sharedDir = join(root, "functions", "_shared");
const bundleTimeout = 180_000;

describe("Edge Function bundles, as Supabase's deploy builds them", () => {
  it("each function's deno.json maps every dependency to the npm: version package-lock.json locked", () => {
    const expected = denoJsonText(functionsImportMap(root));
    expect(expected).toContain('"hono": "npm:hono@');
    for (const name of functionNames(root)) {
      const actual = readFileSync(join(root, "functions", name, "deno.json"), "utf8");
      expect(actual, `functions/${name}/deno.json is stale: run npm run functions:imports`).toBe(expected);
    }
  });

  it("supabase/config.toml gives each function its own deno.json as import map", () => {
    const config = readFileSync(join(root, "supabase", "config.toml"), "utf8");
    for (const name of functionNames(root)) {
      expect(config).toContain(`[functions.${name}]`);
      expect(config).toContain(`import_map = "../functions/${name}/deno.json"`);
    }
  });

  for (const name of functionNames(resolve(import.meta.dirname, "..", ".."))) {
    it(
      `${name} resolves and bundles with nothing from node_modules`,
      async () => {
        const proof = await proveFunctionBundle({
          functionDir: join(root, "functions", name),
          sharedDir,
          deno,
          denoDir,
        });
        expect(proof).toMatchObject({ ok: true });
      },
      bundleTimeout,
    );
  }

  it(
    "a function importing a bare name missing from its import map fails",
    async () => {
      const proof = await proveFunctionBundle({
        functionDir: join(import.meta.dirname, "fixtures", "unmapped-import"),
        sharedDir,
        deno,
        denoDir,
      });
      expect(proof.ok).toBe(false);
      if (proof.ok) return;
      expect(proof.problems.join("\n")).toContain('Import "left-pad" not a dependency and not in import map');
      expect(proof.problems.some((problem) => problem.startsWith("deno bundle failed"))).toBe(true);
    },
    bundleTimeout,
  );
});
