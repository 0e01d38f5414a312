import net from 'node:net';

/** True when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PortClaim {
  port: number;
  variable: string;
  service: string;
}

/** The message for each taken port names the port, the service and the variable that moves it. */
export async function takenPortMessages(claims: PortClaim[]): Promise<string[]> {
  const results = await Promise.all(
    claims.map(async (claim) => ({
      claim,
      free: await isPortFree(claim.port),
    })),
  );
  return results
    .filter((result) => !result.free)
    .map(
      ({ claim }) =>
        `port ${claim.port} (${claim.service}) is already in use: stop what holds it, or set ${claim.variable} to another port`,
    );
}
