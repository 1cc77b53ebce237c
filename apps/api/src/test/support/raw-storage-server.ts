import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

/**
 * A storage stand-in at the socket level, for the lean storage client's specs: each request gets what `answer`
 * writes, in the pieces it chooses.
 */
export class RawServer {
  readonly requests: string[] = [];
  readonly sockets: Socket[] = [];
  private server?: Server;

  constructor(private readonly answer: (socket: Socket, request: string, index: number) => void) {}

  async start(server: Server = createServer(), at = { host: '127.0.0.1', port: 0 }): Promise<URL> {
    this.server = server;
    server.on('connection', (socket) => this.serve(socket));
    server.on('secureConnection', (socket) => this.serve(socket));
    await new Promise<void>((resolve) => server.listen(at.port, at.host, resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return new URL(`http://127.0.0.1:${address.port}`);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private serve(socket: Socket): void {
    if (this.server && 'setSecureContext' in this.server && !('encrypted' in socket)) return;
    this.sockets.push(socket);
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      for (let end = text.indexOf('\r\n\r\n'); end >= 0; end = text.indexOf('\r\n\r\n')) {
        const request = text.slice(0, end);
        text = text.slice(end + 4);
        this.requests.push(request);
        this.answer(socket, request, this.requests.length - 1);
      }
    });
    socket.on('error', () => undefined);
  }
}

/** 300 kB in which a byte out of place shows. */
export const BODY = Buffer.from(Array.from({ length: 300_000 }, (_, index) => index % 251));

export function head(length: number, extra = ''): string {
  return `HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\nETag: "e"\r\n${extra}\r\n`;
}

/** Writes `bytes` in pieces of `piece` bytes, one per event-loop turn, so the client reads them separately. */
export async function writeInPieces(socket: Socket, bytes: Buffer, piece: number): Promise<void> {
  for (let at = 0; at < bytes.length; at += piece) {
    socket.write(bytes.subarray(at, at + piece));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** A destination that keeps what it is given (the client copies for any destination but an HTTP response). */
export function collector(): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const destination = new Writable({
    write: (chunk: Buffer, _encoding, callback) => {
      chunks.push(chunk);
      callback();
    },
  });
  return Object.assign(destination, { bytes: () => Buffer.concat(chunks) });
}

/** A self-signed certificate for `name` (`DNS:localhost`, `IP:127.0.0.1`), made with openssl for one test. */
export function selfSignedCertificate(subjectAltName: string): { key: Buffer; cert: Buffer } {
  const folder = mkdtempSync(join(tmpdir(), 'storage-tls-'));
  try {
    const key = join(folder, 'key.pem');
    const cert = join(folder, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'].concat([
        '-subj',
        '/CN=storage',
        '-addext',
        `subjectAltName=${subjectAltName}`,
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
