import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface TappedDelivery {
  /** The event name from the body (`room_started`, `participant_joined`, …). */
  event: string;
  body: string;
  authorization: string;
  /** What the API answered. */
  status: number;
}

/**
 * Sits between a real LiveKit server and the API's webhook endpoint: forwards every delivery unchanged (headers
 * and bytes, so the signature still holds) and records what the API answered, which LiveKit itself keeps to its log.
 */
export class WebhookTap {
  readonly deliveries: TappedDelivery[] = [];
  private target?: string;
  private readonly waiters = new Set<() => void>();
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void this.forward(Buffer.concat(chunks), request.headers, response));
  });
  /** Where LiveKit sends its webhooks. */
  url = '';

  static async start(): Promise<WebhookTap> {
    const tap = new WebhookTap();
    await new Promise<void>((resolve) => tap.server.listen(0, '127.0.0.1', resolve));
    tap.url = `http://127.0.0.1:${(tap.server.address() as AddressInfo).port}/livekit/webhook`;
    return tap;
  }

  /** Where deliveries go from now on (the API's `/livekit/webhook`). */
  forwardTo(url: string): void {
    this.target = url;
  }

  async waitFor(predicate: (delivery: TappedDelivery) => boolean, timeoutMs = 15_000): Promise<TappedDelivery> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.deliveries.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `No matching webhook within ${timeoutMs} ms; saw ${this.deliveries.map((d) => `${d.event}:${d.status}`).join(', ')}`,
        );
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(body: Buffer, headers: IncomingHttpHeaders, response: ServerResponse): Promise<void> {
    const authorization = String(headers['authorization'] ?? '');
    let status = 503;
    if (this.target) {
      try {
        const answer = await fetch(this.target, {
          method: 'POST',
          headers: { 'content-type': String(headers['content-type'] ?? ''), authorization },
          body: new Uint8Array(body),
        });
        status = answer.status;
      } catch {
        status = 502;
      }
    }
    let event = '';
    try {
      event = String((JSON.parse(body.toString('utf8')) as { event?: unknown }).event ?? '');
    } catch {
      // not JSON: recorded with an empty event name
    }
    this.deliveries.push({ event, body: body.toString('utf8'), authorization, status });
    for (const wake of [...this.waiters]) wake();
    response.writeHead(status).end();
  }
}
