declare module "cloudflare:test" {
  // The Worker's generated bindings (worker-configuration.d.ts).
  interface ProvidedEnv extends Env {}
}
