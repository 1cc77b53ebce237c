import { IncomingMessage, request, ServerResponse } from 'node:http';

import { TWIRP_PREFIX } from './twirp-server';

/**
 * Passes requests through to the real livekit-server unchanged (method, path, headers, body), and its answers
 * back: in real-server mode the API's RoomService calls and health checks reach the real server, byte for byte.
 * `record` sees each Twirp call with the real server's status, like the emulated calls.
 */
export function proxyTo(target: string, record: (method: string, status: number) => void) {
  const base = new URL(target);
  return (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const method = path.startsWith(TWIRP_PREFIX) ? path.slice(TWIRP_PREFIX.length) : undefined;
    const upstream = request(
      { host: base.hostname, port: base.port, method: req.method, path: req.url, headers: { ...req.headers, host: base.host } },
      (answer) => {
        if (method) record(method, answer.statusCode ?? 0);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (method) record(method, 0);
      // The real server is gone: the client sees the connection drop, as it would without the emulator.
      res.destroy();
    });
    req.pipe(upstream);
  };
}
