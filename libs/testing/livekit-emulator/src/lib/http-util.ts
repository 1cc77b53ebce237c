import type { IncomingMessage, ServerResponse } from 'node:http';

/** livekit-server limits request bodies to 10 MiB. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Writes a complete response with an explicit Content-Length (Go's net/http sends one for small bodies). */
export function send(res: ServerResponse, status: number, contentType: string, body: string | Uint8Array): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  res.end(bytes);
}

/** A body over the limit is answered and the connection closed, instead of reading the rest of it. */
export function sendTooLarge(res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  send(res, 413, 'text/plain; charset=utf-8', 'http: request body too large');
}
