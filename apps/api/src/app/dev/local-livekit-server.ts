import { EmbeddedLiveKit, startEmbeddedLiveKit } from '@recording/embedded-livekit';

import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

import { AppConfig } from '../config/app-config';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Development without Docker: when LIVEKIT_URL points at this machine, nothing answers there, and a livekit-server
 * binary is configured (LIVEKIT_SERVER_BIN, which `npm start` sets once the scripts have built one), the API starts
 * that server itself on LIVEKIT_URL's port (ICE on the next two ports) and stops it on shutdown, like the embedded
 * Azurite. It is a single dev node without Redis or Egress: calls work, and RECORDER=auto records with the embedded recorder.
 */
@Injectable()
export class LocalLiveKitServer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LiveKit');
  private server?: EmbeddedLiveKit;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const { url, apiKey, apiSecret, localServerBinary } = this.config.livekit;
    const address = new URL(url.replace(/^ws/i, 'http'));
    if (!localServerBinary || !LOOPBACK_HOSTS.has(address.hostname)) return;
    if (await answers(address)) {
      this.logger.log(`A LiveKit server already answers at ${url}: using it`);
      return;
    }
    const port = Number(address.port || (address.protocol === 'https:' ? 443 : 80));
    try {
      this.server = await startEmbeddedLiveKit({
        binary: localServerBinary,
        port,
        rtcTcpPort: port + 1,
        rtcUdpPort: port + 2,
        keys: { [apiKey]: apiSecret },
        webhook: { apiKey, urls: [`http://127.0.0.1:${this.config.serverPort}/livekit/webhook`] },
        logLevel: 'error',
      });
      this.logger.log(
        `Started the local LiveKit server at ${url} (development: calls on this machine, recorded by the embedded ` +
          'recorder as it has no Egress; see README "Run modes")',
      );
    } catch (error) {
      this.logger.warn(`Could not start the local LiveKit server at ${url}: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}

async function answers(address: URL): Promise<boolean> {
  try {
    await fetch(address.origin, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}
