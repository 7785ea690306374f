import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";

/** Repository-relative path of a file → the repository-relative paths of the project files it imports. */
export type ImportGraph = Map<string, string[]>;

const skippedFolders = new Set(["node_modules", "dist", ".git", ".wrangler", "coverage"]);

/** Every `.ts`/`.tsx` file under `root`, as paths relative to it with forward slashes. */
export function sourceFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") || skippedFolders.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, path);
    const isSource = /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts");
    return isSource ? [relative(root, path).split("\\").join("/")] : [];
  });
}

// Static imports and re-exports (`… from "x"`, `import "x"`) and dynamic `import("x")`, relative specifiers only.
const specifierPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g;

/**
 * The relative specifiers of one file's text. Comments and template literals (SQL, fixture sources) are removed
 * first, so a documented or quoted example is no import; a specifier is never written with backticks.
 */
export function relativeSpecifiers(text: string): string[] {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`])\/\/.*$/gm, "$1")
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, "``");
  return [...code.matchAll(specifierPattern)].map((match) => match[1] as string);
}

/**
 * Resolves a specifier written in `from` to a repository-relative path (Deno style: the extension is written),
 * or undefined for an asset (`.css`, `.json`, …), which is no module of ours to check.
 */
export function resolveSpecifier(from: string, specifier: string): string | undefined {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  if (/\.[cm]?[jt]sx?$/.test(target)) return target.replace(/\.js(x?)$/, ".ts$1");
  return /\.[a-z]+$/i.test(posix.basename(target)) ? undefined : `${target}.ts`;
}

/** Reads the import graph of every source file under `root`. */
export function readImportGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(join(root, file), "utf8");
    graph.set(
      file,
      relativeSpecifiers(text).flatMap((specifier) => resolveSpecifier(file, specifier) ?? []),
    );
  }
  return graph;
}

export const repositoryRoot = join(dirname(new URL(import.meta.url).pathname), "../..");
