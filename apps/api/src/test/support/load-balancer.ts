import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A round-robin load balancer in front of API replicas, for webhooks: each POST goes to the next replica in turn,
 * headers and bytes unchanged (the signature still holds); a replica that does not answer is a 502, as behind a
 * real balancer, and LiveKit delivers again.
 */
export class RoundRobinBalancer {
  /** Which replica (index into the targets) each request went to, in order. */
  readonly routed: number[] = [];
  private next = 0;
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void this.forward(request.url ?? '/', Buffer.concat(chunks), request.headers, response));
  });
  url = '';

  private constructor(private targets: string[]) {}

  /** `targets`: base URLs of the replicas. */
  static async start(targets: string[]): Promise<RoundRobinBalancer> {
    const balancer = new RoundRobinBalancer(targets);
    await new Promise<void>((resolve) => balancer.server.listen(0, '127.0.0.1', resolve));
    balancer.url = `http://127.0.0.1:${(balancer.server.address() as AddressInfo).port}`;
    return balancer;
  }

  setTargets(targets: string[]): void {
    this.targets = targets;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(path: string, body: Buffer, headers: IncomingHttpHeaders, response: ServerResponse): Promise<void> {
    const index = this.next++ % this.targets.length;
    this.routed.push(index);
    try {
      const answer = await fetch(`${this.targets[index]}${path}`, {
        method: 'POST',
        headers: { 'content-type': String(headers['content-type'] ?? ''), authorization: String(headers['authorization'] ?? '') },
        body: new Uint8Array(body),
      });
      response.writeHead(answer.status).end(Buffer.from(await answer.arrayBuffer()));
    } catch {
      response.writeHead(502).end();
    }
  }
}
