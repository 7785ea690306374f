import type { ImportGraph } from "./graph.ts";

/** Where each layer lives and the order the domain capabilities are built in (see layout.ts). */
export interface Layout {
  contracts: string;
  platform: string;
  platformHttp: string;
  domain: string;
  /** Composition roots two or more functions share: build platform adapters from the environment for the domain. */
  wiring: string;
  /** Capabilities that import no other capability. */
  domainLeaves: readonly string[];
  /** Capabilities in build order: each may import the leaves and the ones before it, nothing later. */
  domainOrder: readonly string[];
  /** The Worker: it may import from `functions/` only the contracts. */
  worker: string;
  /** Code that is not runtime: runtime code must not import it. */
  toolingRoots: readonly string[];
}

/** Tests, their helpers beside the code (`test-support/`) and the test runner's configs: none of it ships. */
export const isTestFile = (file: string) =>
  /\.test\.tsx?$/.test(file) || /(^|\/)test-support\//.test(file) || /(^|\/)vitest\.config\.ts$/.test(file);

const within = (file: string, folder: string) => file.startsWith(`${folder}/`);

/** Strongly connected components with more than one member (or a file importing itself), Tarjan's algorithm. */
export function cycles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string) => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        lowlinks.set(node, Math.min(lowlinks.get(node) as number, lowlinks.get(next) as number));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node) as number, indices.get(next) as number));
      }
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!indices.has(node)) connect(node);
  return found.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

const folderOf = (file: string) => file.slice(0, Math.max(0, file.lastIndexOf("/")));

/**
 * The folder graph: an edge for every import between two folders where neither contains the other (a folder
 * composing its own subfolders, and those reaching back to their parent's shared files, is one unit's business).
 * Tests are left out: nothing imports a test, so a test only ever adds an edge the code does not have.
 */
export function folderGraph(graph: ImportGraph): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    if (isTestFile(file)) continue;
    const from = folderOf(file);
    for (const target of targets) {
      const to = folderOf(target);
      if (from === to || within(from, to) || within(to, from) || !graph.has(target)) continue;
      const set = edges.get(from) ?? new Set<string>();
      set.add(to);
      edges.set(from, set);
    }
  }
  return edges;
}

/** The capability a domain file belongs to, or undefined outside the domain layer. */
function capabilityOf(file: string, layout: Layout): string | undefined {
  return within(file, layout.domain) ? file.slice(layout.domain.length + 1).split("/")[0] : undefined;
}

/** Every broken rule of the project's architecture, one readable line each; empty when the tree is sound. */
export function checkArchitecture(graph: ImportGraph, layout: Layout): string[] {
  const problems: string[] = [];
  const fileEdges = new Map<string, Set<string>>();
  for (const [file, targets] of graph) fileEdges.set(file, new Set(targets.filter((t) => graph.has(t))));

  for (const component of cycles(fileEdges)) problems.push(`file cycle: ${component.join(" ⇄ ")}`);
  for (const component of cycles(folderGraph(graph))) {
    problems.push(`folder cycle: ${component.join(" ⇄ ")}`);
  }

  const position = new Map<string, number>();
  for (const leaf of layout.domainLeaves) position.set(leaf, -1);
  for (const [i, capability] of layout.domainOrder.entries()) position.set(capability, i);
  const isTooling = (file: string) => layout.toolingRoots.some((root) => within(file, root));

  for (const [file, targets] of graph) {
    const runtime = !isTestFile(file) && !isTooling(file);
    const capability = capabilityOf(file, layout);
    for (const target of targets) {
      const edge = `${file} → ${target}`;
      if (!graph.has(target)) problems.push(`unresolved import: ${edge}`);
      if (runtime && isTooling(target)) problems.push(`runtime code imports tooling: ${edge}`);
      if (within(file, layout.worker) && within(target, "functions") && !within(target, layout.contracts)) {
        problems.push(`the Worker imports functions/ beyond the contracts: ${edge}`);
      }
      if (within(file, layout.contracts) && !isTestFile(file) && !within(target, layout.contracts)) {
        problems.push(`the contracts import outside themselves: ${edge}`);
      }
      if (within(file, layout.platform) && within(target, layout.domain)) {
        problems.push(`platform imports the domain: ${edge}`);
      }
      if ((within(file, layout.platform) || within(file, layout.domain)) && within(target, layout.wiring)) {
        problems.push(`a layer below imports the composition roots: ${edge}`);
      }
      if (capability === undefined) continue;
      if (within(target, layout.platformHttp)) problems.push(`domain imports platform/http: ${edge}`);
      const targetCapability = capabilityOf(target, layout);
      if (targetCapability === undefined || targetCapability === capability) continue;
      const from = position.get(capability);
      const to = position.get(targetCapability);
      if (from === undefined) problems.push(`capability not in the declared order: ${capability} (${file})`);
      else if (to === undefined) problems.push(`capability not in the declared order: ${targetCapability}`);
      else if (from === -1 || to >= from) {
        problems.push(`domain ${capability} imports ${targetCapability}, which it may not: ${edge}`);
      }
    }
  }
  return [...new Set(problems)];
}
