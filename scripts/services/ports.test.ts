import net from 'node:net';
import { freePort, isPortFree, takenPortMessages } from './ports';

describe('ports', () => {
  it('names the taken port, its service and the variable that moves it', async () => {
    const holder = net.createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as net.AddressInfo).port)),
    );
    try {
      expect(await isPortFree(port)).toBe(false);
      const free = await freePort();
      const messages = await takenPortMessages([
        { port, variable: 'PORT', service: 'API and web app' },
        { port: free, variable: 'TEMPORAL_PORT', service: 'Temporal dev server' },
      ]);
      expect(messages).toEqual([
        `port ${port} (API and web app) is already in use: stop what holds it, or set PORT to another port`,
      ]);
    } finally {
      holder.close();
    }
  });
});
