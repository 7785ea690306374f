import { createServer, type Server } from "node:net";

function listenOnAnyPort(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  return typeof address === "object" && address ? address.port : 0;
}

/**
 * `count` distinct ports that were free a moment ago on 127.0.0.1. Every socket is held until all are
 * chosen, so the OS cannot hand the same number out twice (choosing one at a time, a port released by
 * the first pick could come back as the second).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let index = 0; index < count; index += 1) servers.push(await listenOnAnyPort());
    return servers.map(portOf);
  } finally {
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  }
}

/** One port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = await listenOnAnyPort();
  const port = portOf(server);
  await new Promise((done) => server.close(done));
  return port;
}

/** A whole stack's worth of free ports, all reserved together before anything is launched. */
export async function freePortsFor<Name extends string>(
  names: readonly Name[],
): Promise<Record<Name, number>> {
  const ports = await freePorts(names.length);
  return Object.fromEntries(names.map((name, index) => [name, ports[index] as number])) as Record<
    Name,
    number
  >;
}
