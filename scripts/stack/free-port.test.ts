import { describe, expect, it } from "vitest";
import { freePorts, freePortsFor } from "./free-port.ts";
import { configuredPorts, DEFAULT_PORTS } from "./ports.ts";

describe("freePorts", () => {
  it("hands out distinct ports, all chosen before any is released", async () => {
    const ports = await freePorts(40);
    expect(new Set(ports).size).toBe(40);
    for (const port of ports) expect(port).toBeGreaterThan(0);
  });

  it("names a whole stack's ports at once", async () => {
    const ports = await freePortsFor(Object.keys(DEFAULT_PORTS));
    expect(new Set(Object.values(ports)).size).toBe(Object.keys(DEFAULT_PORTS).length);
  });
});

describe("configuredPorts", () => {
  it("takes each port from its variable, else the default", () => {
    const ports = configuredPorts({ WEB_PORT: "6000", STRIPE_SIM_PORT: "6001" });
    expect(ports).toEqual({ ...DEFAULT_PORTS, web: 6000, stripeSim: 6001 });
  });
});
