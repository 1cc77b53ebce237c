import { ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { liveKitServerConfig, LiveKitServerSettings } from './livekit-server-config';

export interface EmbeddedLiveKitOptions extends Partial<Pick<LiveKitServerSettings, 'port' | 'rtcTcpPort' | 'rtcUdpPort'>> {
  /** Path of the livekit-server binary (the scripts export it as LIVEKIT_SERVER_BIN). */
  binary: string;
  keys: Record<string, string>;
  webhook?: LiveKitServerSettings['webhook'];
  logLevel?: LiveKitServerSettings['logLevel'];
  /** Receives the server's log output (it is otherwise discarded once the server is up). */
  onOutput?: (text: string) => void;
  startTimeoutMs?: number;
}

export interface EmbeddedLiveKit {
  /** For the server SDK, e.g. `http://127.0.0.1:7880`. */
  readonly url: string;
  /** For browsers, e.g. `ws://127.0.0.1:7880`. */
  readonly wsUrl: string;
  readonly port: number;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Starts the real livekit-server as a child process on loopback, single node, no Redis (so no Egress: every
 * Egress call answers "egress not connected"). Ports left out are picked free. The configuration reaches the
 * server through its LIVEKIT_CONFIG variable, so the API secret never shows in the process list.
 */
export async function startEmbeddedLiveKit(options: EmbeddedLiveKitOptions): Promise<EmbeddedLiveKit> {
  if (!existsSync(options.binary)) throw new Error(`No livekit-server at ${options.binary} (npm test builds it: see README)`);
  const port = options.port || (await freeTcpPort());
  const settings: LiveKitServerSettings = {
    port,
    rtcTcpPort: options.rtcTcpPort || (await freeTcpPort()),
    rtcUdpPort: options.rtcUdpPort || (await freeUdpPort()),
    keys: options.keys,
    webhook: options.webhook,
    host: HOST,
    logLevel: options.logLevel,
  };
  const child = spawn(options.binary, [], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      LIVEKIT_CONFIG: JSON.stringify(liveKitServerConfig(settings)),
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    if (options.onOutput) options.onOutput(text);
    else if (output.length < 20_000) output += text;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://${HOST}:${port}`;
  await waitUntilAnswering(child, url, options.startTimeoutMs ?? 20_000, () => output);
  return {
    url,
    wsUrl: `ws://${HOST}:${port}`,
    port,
    stop: () => stopServer(child),
  };
}

async function waitUntilAnswering(child: ChildProcess, url: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`livekit-server exited with code ${child.exitCode}: ${output().trim()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`livekit-server did not answer on ${url} within ${timeoutMs} ms: ${output().trim()}`);
}

/** livekit-server drains on the first SIGTERM (it waits for participants to leave); a second signal ends it. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const again = setTimeout(() => child.kill('SIGTERM'), 1_000);
  const killer = setTimeout(() => child.kill('SIGKILL'), 8_000);
  await exited;
  clearTimeout(again);
  clearTimeout(killer);
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, HOST, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
