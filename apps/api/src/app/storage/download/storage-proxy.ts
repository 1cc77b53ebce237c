import { connect as netConnect, isIP, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

import { StorageConnectionError } from './storage-connection';

/** A proxy's answer to CONNECT is a few lines. */
const MAX_PROXY_HEAD_BYTES = 16 * 1024;

type Environment = Record<string, string | undefined>;

/**
 * The proxy the Azure SDK uses for `origin` (its proxy policy, core-rest-pipeline), from the same variables with the
 * same rules, so that the SDK and this client never take different roads to storage: HTTPS_PROXY, else ALL_PROXY,
 * else HTTP_PROXY (each upper case first, then lower case), unless NO_PROXY lists the host (a name exactly, or
 * `.example.com` for that name and every host under it). Only an HTTPS origin is tunnelled: plain HTTP storage is a
 * local Azurite, reached directly.
 */
export function proxyFor(origin: URL, environment: Environment): URL | undefined {
  if (origin.protocol !== 'https:') return undefined;
  const value = (name: string) => environment[name] || environment[name.toLowerCase()] || undefined;
  const proxy = value('HTTPS_PROXY') ?? value('ALL_PROXY') ?? value('HTTP_PROXY');
  if (!proxy) return undefined;
  const host = origin.hostname;
  const bypassed = (value('NO_PROXY') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .some((entry) => (entry.startsWith('.') ? host.endsWith(entry) || host === entry.slice(1) : host === entry));
  return bypassed ? undefined : new URL(proxy);
}

/**
 * Asks `proxy` for a tunnel to `origin` (HTTP CONNECT, with the proxy URL's credentials as Basic authorization) and
 * resolves with the socket once the proxy opened it; TLS to storage then runs inside it, with storage's certificate
 * checked as on a direct connection. `signal` gives up.
 */
export function openTunnel(proxy: URL, origin: URL, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const host = proxy.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
    const socket =
      proxy.protocol === 'https:' ? tlsConnect({ host, port, servername: isIP(host) ? undefined : host }) : netConnect({ host, port });
    const authority = `${origin.hostname}:${origin.port || 443}`;
    const credentials = proxy.username ? `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}` : undefined;
    const authorization = credentials ? `proxy-authorization: Basic ${Buffer.from(credentials).toString('base64')}\r\n` : '';
    let head = '';
    const cleanUp = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      signal.removeEventListener('abort', onAbort);
    };
    const fail = (error: Error) => {
      cleanUp();
      socket.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_PROXY_HEAD_BYTES)
          fail(new StorageConnectionError('the proxy to storage answered CONNECT with an oversized head'));
        return;
      }
      const statusLine = head.slice(0, head.indexOf('\r\n'));
      if (!/^HTTP\/1\.[01] 2\d\d(?: |$)/.test(statusLine))
        return fail(new StorageConnectionError(`the proxy to storage refused a tunnel: ${statusLine}`));
      // TLS speaks first: a proxy that sends anything more is not a tunnel.
      if (end + 4 < head.length) return fail(new StorageConnectionError('the proxy to storage sent bytes before the tunnel opened'));
      cleanUp();
      socket.pause();
      resolve(socket);
    };
    const onError = (error: Error) => fail(new StorageConnectionError(`could not reach storage through the proxy: ${error.message}`));
    const onClose = () => fail(new StorageConnectionError('the proxy to storage closed the connection'));
    const onAbort = () => fail(signal.reason as Error);
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) return onAbort();
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nhost: ${authority}\r\n${authorization}\r\n`);
  });
}
