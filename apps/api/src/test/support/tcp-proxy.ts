import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server (Azurite) that a test can cut: every open connection is reset
 * and new ones are refused until `restore()`. It also counts the bytes the upstream sent, to prove that
 * an abandoned download stops pulling data.
 */
export class FaultyTcpProxy {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  /** Bytes received from the upstream server since the last `resetCounters()`. */
  upstreamBytes = 0;
  /** HTTP requests that went through since the last `resetCounters()`: request line and Range header, if any. */
  readonly requests: { line: string; range?: string }[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<FaultyTcpProxy> {
    // Connections arrive only after listen, when `proxy` exists.
    const server = createServer((client) => proxy.accept(client, targetHost, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new FaultyTcpProxy(server, (server.address() as AddressInfo).port);
    return proxy;
  }

  /** Simulates the storage going down: resets open connections, refuses new ones. */
  cutConnections(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.cut = false;
  }

  resetCounters(): void {
    this.upstreamBytes = 0;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    this.cutConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Requests start a chunk on keep-alive connections (bodies here are small or absent, except uploads). */
  private noteRequest(chunk: Buffer): void {
    const head = chunk.subarray(0, 4096).toString('latin1');
    const line = /^(GET|HEAD|PUT|POST|DELETE) [^\r\n]+/.exec(head)?.[0];
    if (!line) return;
    const range = /\r\n(?:range|x-ms-range): *([^\r\n]+)/i.exec(head)?.[1];
    this.requests.push({ line, ...(range ? { range } : {}) });
  }

  private accept(client: Socket, targetHost: string, targetPort: number): void {
    if (this.cut) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    this.sockets.add(client);
    this.sockets.add(upstream);
    upstream.on('data', (chunk: Buffer) => (this.upstreamBytes += chunk.length));
    client.on('data', (chunk: Buffer) => this.noteRequest(chunk));
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  }
}
