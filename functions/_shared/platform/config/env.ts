/** The process environment on whichever runtime runs us: Deno in production, Node in tests and tools. */
export function runtimeEnv(): Record<string, string | undefined> {
  const deno = (globalThis as { Deno?: { env: { toObject(): Record<string, string> } } }).Deno;
  if (deno) return deno.env.toObject();
  const nodeProcess = (globalThis as { process?: { env: Record<string, string | undefined> } }).process;
  return nodeProcess?.env ?? {};
}
