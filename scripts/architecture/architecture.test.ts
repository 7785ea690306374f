import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ImportGraph, readImportGraph, relativeSpecifiers, repositoryRoot } from "./graph.ts";
import { knownProblems, layout } from "./layout.ts";
import { checkArchitecture, type Layout } from "./rules.ts";

describe("the repository's architecture", () => {
  const problems = checkArchitecture(readImportGraph(repositoryRoot), layout);

  it("has no cycle, layer violation or tooling import beyond the known ones", () => {
    expect(problems.filter((problem) => !knownProblems.includes(problem))).toEqual([]);
  });

  it("still has every known problem (a fixed one leaves the list with its fix)", () => {
    expect(knownProblems.filter((problem) => !problems.includes(problem))).toEqual([]);
  });
});

/** A small tree laid out like the project's: functions/_shared/{contracts,platform,domain}, a Worker, scripts. */
const fixtureLayout: Layout = {
  contracts: "functions/_shared/contracts",
  platform: "functions/_shared/platform",
  platformHttp: "functions/_shared/platform/http",
  domain: "functions/_shared/domain",
  wiring: "functions/_shared/wiring",
  domainLeaves: ["copy"],
  domainOrder: ["lines", "calls"],
  worker: "bridge-worker",
  toolingRoots: ["scripts", "tests"],
};

const soundFiles: Record<string, string> = {
  "functions/_shared/contracts/bridge.ts": `export const route = "/context";`,
  "functions/_shared/platform/db.ts": `export type Tx = unknown;`,
  "functions/_shared/platform/http/app.ts": `import type { Tx } from "../db.ts";\nexport const app = 1;`,
  "functions/_shared/domain/copy/en.ts": `export const hello = "Hello";`,
  "functions/_shared/domain/lines/lines.ts": [
    `import type { Tx } from "../../platform/db.ts";`,
    `import { hello } from "../copy/en.ts";`,
  ].join("\n"),
  "functions/_shared/domain/calls/dial.ts": [
    `import { route } from "../../contracts/bridge.ts";`,
    `export { lines } from "../lines/lines.ts";`,
  ].join("\n"),
  "functions/api/app.ts": [
    `import { app } from "../_shared/platform/http/app.ts";`,
    `import {\n  dial,\n} from "../_shared/domain/calls/dial.ts";`,
    `const later = () => import("./routes/lines.ts");`,
  ].join("\n"),
  "functions/api/routes/lines.ts": `import { schema } from "../schemas.ts";`,
  "functions/api/schemas.ts": `export const schema = 1;`,
  "functions/api/app.test.ts": `import { seed } from "../../scripts/seed.ts";`,
  "bridge-worker/src/index.ts": `import { route } from "../../functions/_shared/contracts/bridge.ts";`,
  "scripts/seed.ts": `import type { Tx } from "../functions/_shared/platform/db.ts";`,
};

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Writes the sound tree plus `changes` to a fresh temporary folder and checks it as the real tree is checked. */
function check(changes: Record<string, string> = {}): string[] {
  const root = mkdtempSync(join(tmpdir(), "architecture-"));
  roots.push(root);
  for (const [file, text] of Object.entries({ ...soundFiles, ...changes })) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return checkArchitecture(readImportGraph(root), fixtureLayout);
}

describe("the architecture checker on fixture trees", () => {
  it("passes a sound tree (a folder and its subfolders may import each other; a test may import scripts/)", () => {
    expect(check()).toEqual([]);
  });

  it("fails on a cycle between files", () => {
    expect(
      check({
        "functions/api/a.ts": `import { b } from "./b.ts";`,
        "functions/api/b.ts": `import type { a } from "./a.ts";`,
      }),
    ).toContain("file cycle: functions/api/a.ts ⇄ functions/api/b.ts");
  });

  it("fails on a cycle between folders that is no cycle between files", () => {
    expect(
      check({
        "functions/api/lines/lines.ts": `import { limits } from "../verification/limits.ts";`,
        "functions/api/verification/limits.ts": `export const limits = 1;`,
        "functions/api/verification/verify.ts": `import { lines } from "../lines/lines.ts";`,
      }),
    ).toEqual(["folder cycle: functions/api/lines ⇄ functions/api/verification"]);
  });

  it("fails when the domain imports platform/http", () => {
    expect(
      check({
        "functions/_shared/domain/copy/en.ts": `import { app } from "../../platform/http/app.ts";`,
      }),
    ).toEqual([
      "domain imports platform/http: functions/_shared/domain/copy/en.ts → functions/_shared/platform/http/app.ts",
    ]);
  });

  it("fails when the platform imports the domain", () => {
    expect(
      check({
        "functions/_shared/platform/db.ts": `import { hello } from "../domain/copy/en.ts";`,
      }),
    ).toEqual([
      "platform imports the domain: functions/_shared/platform/db.ts → functions/_shared/domain/copy/en.ts",
    ]);
  });

  it("fails when the domain or the platform imports the composition roots", () => {
    expect(
      check({
        "functions/_shared/wiring/lines.ts": `import { hello } from "../domain/copy/en.ts";`,
        "functions/_shared/domain/calls/dial.ts": `import { lines } from "../../wiring/lines.ts";`,
        "functions/_shared/platform/db.ts": `import { lines } from "../wiring/lines.ts";`,
      }),
    ).toEqual([
      "a layer below imports the composition roots: functions/_shared/domain/calls/dial.ts → functions/_shared/wiring/lines.ts",
      "a layer below imports the composition roots: functions/_shared/platform/db.ts → functions/_shared/wiring/lines.ts",
    ]);
  });

  it("fails when a capability imports a later one, or a leaf imports any", () => {
    expect(
      check({
        "functions/_shared/domain/lines/phone.ts": `import { dial } from "../calls/dial.ts";`,
        "functions/_shared/domain/copy/es.ts": `import { lines } from "../lines/lines.ts";`,
      }),
    ).toEqual(
      expect.arrayContaining([
        "domain copy imports lines, which it may not: functions/_shared/domain/copy/es.ts → functions/_shared/domain/lines/lines.ts",
        "domain lines imports calls, which it may not: functions/_shared/domain/lines/phone.ts → functions/_shared/domain/calls/dial.ts",
      ]),
    );
  });

  it("fails on a capability missing from the declared order", () => {
    expect(
      check({ "functions/_shared/domain/billing/plans.ts": `import { hello } from "../copy/en.ts";` }),
    ).toEqual(["capability not in the declared order: billing (functions/_shared/domain/billing/plans.ts)"]);
  });

  it("fails when runtime code imports scripts/ or tests/", () => {
    expect(
      check({
        "functions/api/seed.ts": `import { seed } from "../../scripts/seed.ts";`,
        "simulators/stripe/server.ts": `import { kit } from "../../tests/kit.ts";`,
        "tests/kit.ts": `export const kit = 1;`,
      }),
    ).toEqual([
      "runtime code imports tooling: functions/api/seed.ts → scripts/seed.ts",
      "runtime code imports tooling: simulators/stripe/server.ts → tests/kit.ts",
    ]);
  });

  it("fails when the Worker imports functions/ beyond the contracts, or the contracts import outside", () => {
    expect(
      check({
        "bridge-worker/src/index.ts": `import { hello } from "../../functions/_shared/domain/copy/en.ts";`,
        "functions/_shared/contracts/bridge.ts": `import type { Tx } from "../platform/db.ts";`,
      }),
    ).toEqual([
      "the Worker imports functions/ beyond the contracts: bridge-worker/src/index.ts → functions/_shared/domain/copy/en.ts",
      "the contracts import outside themselves: functions/_shared/contracts/bridge.ts → functions/_shared/platform/db.ts",
    ]);
  });

  it("fails on an import of a file that does not exist", () => {
    expect(check({ "functions/api/gone.ts": `import { x } from "./missing.ts";` })).toEqual([
      "unresolved import: functions/api/gone.ts → functions/api/missing.ts",
    ]);
  });
});

describe("reading imports", () => {
  it("finds static, type, re-exported, side-effect and dynamic imports, and skips comments", () => {
    const text = [
      `import { a } from "./a.ts";`,
      `import type { B } from '../b.ts';`,
      `export * from "./c.ts";`,
      `import "./d.ts";`,
      `const e = await import("./e.ts");`,
      `import { z } from "zod";`,
      `// import { f } from "./f.ts";`,
      `/** e.g. import { g } from "./g.ts" */`,
      `const url = "https://example.com/x"; import { h } from "./h.ts";`,
      'const sql = `select 1 from "./i.ts"`; const fixture = `import { j } from "./j.ts"`;',
    ].join("\n");
    expect(relativeSpecifiers(text)).toEqual(["./a.ts", "../b.ts", "./c.ts", "./d.ts", "./e.ts", "./h.ts"]);
  });

  it("a graph is plain data, so the checker runs on one built by hand", () => {
    const graph: ImportGraph = new Map([
      ["functions/_shared/domain/calls/a.ts", ["functions/_shared/domain/calls/b.ts"]],
      ["functions/_shared/domain/calls/b.ts", ["functions/_shared/domain/calls/a.ts"]],
    ]);
    expect(checkArchitecture(graph, fixtureLayout)).toEqual([
      "file cycle: functions/_shared/domain/calls/a.ts ⇄ functions/_shared/domain/calls/b.ts",
    ]);
  });
});
