import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The emulator's HTTP listener, which can stop accepting connections and come back on the same port: a "refuse"
 * outage must look like a crashed server (ECONNREFUSED), not like an error response.
 */
export class HttpListener {
  private server: Server | undefined;
  private boundPort: number;

  constructor(
    private readonly handler: (req: IncomingMessage, res: ServerResponse) => void,
    private readonly host: string,
    port: number,
  ) {
    this.boundPort = port;
  }

  get port(): number {
    return this.boundPort;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  async listen(): Promise<void> {
    if (this.server) return;
    const server = createServer(this.handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Retries briefly: the port was ours a moment ago, a client of the old listener may still hold it in TIME_WAIT. */
  async relisten(): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await this.listen();
        return;
      } catch (e) {
        lastError = e;
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw lastError;
  }

  /**
   * Stops listening and cuts every open connection, busy ones included: a client holding a keep-alive connection
   * must not keep talking to a "crashed" server.
   */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}
