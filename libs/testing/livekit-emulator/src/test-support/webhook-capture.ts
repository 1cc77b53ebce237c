import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedWebhook {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A stand-in for the API's `POST /livekit/webhook` endpoint: records every request and answers with the next
 * scripted status (200 once the script is used up).
 */
export class WebhookCapture {
  readonly received: CapturedWebhook[] = [];
  private statuses: number[] = [];
  private match: (body: string) => boolean = () => true;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookCapture> {
    // Requests arrive only after listen, when `capture` exists.
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        capture.received.push({ body, headers: req.headers });
        res.statusCode = capture.match(body) ? (capture.statuses.shift() ?? 200) : 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const capture = new WebhookCapture(server);
    return capture;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/livekit/webhook`;
  }

  /** Answer the next requests (those whose body matches) with these statuses, e.g. `[503, 503]`, then 200. */
  respondWith(statuses: number[], match: (body: string) => boolean = () => true): void {
    this.statuses = [...statuses];
    this.match = match;
  }

  clear(): void {
    this.received.length = 0;
    this.statuses = [];
    this.match = () => true;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
