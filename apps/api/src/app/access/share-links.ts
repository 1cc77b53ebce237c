import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { RecordingNotFoundError } from '../errors/domain-errors';
import { blobKeyOf } from '../recordings/egress-recording';
import { BlobStorageService } from '../storage/blob-storage.service';
import { SessionKeys } from './session-keys';

/** Blob metadata holding the recording's share generation: raising it revokes every link issued before. */
const METADATA_SHARE_GENERATION = 'sharegeneration';

export interface ShareLink {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** What a share token carries: the recording, its expiry (epoch ms) and the share generation it was issued in. */
interface SharePayload {
  r: string;
  e: number;
  g: number;
}

function isSharePayload(value: unknown): value is SharePayload {
  const payload = value as Partial<SharePayload> | undefined;
  return typeof payload?.r === 'string' && Number.isSafeInteger(payload.e) && Number.isSafeInteger(payload.g);
}

/**
 * Share links: server-signed tokens naming one recording, an expiry and the recording's share generation, which
 * lives in the blob's metadata (so every replica agrees, and deleting the recording ends its links).
 */
@Injectable()
export class ShareLinks {
  constructor(
    private readonly storage: BlobStorageService,
    private readonly keys: SessionKeys,
    private readonly config: AppConfig,
  ) {}

  async create(name: string, expiresInMinutes: number, now = Date.now()): Promise<ShareLink> {
    const generation = await this.generationOf(name);
    if (generation === undefined) throw new RecordingNotFoundError();
    const expiresAt = now + expiresInMinutes * 60_000;
    return { token: this.keys.shareLinks.sign({ r: name, e: expiresAt, g: generation } satisfies SharePayload), expiresAt };
  }

  /** Every link issued so far stops working. */
  async revokeAll(name: string): Promise<void> {
    const generation = await this.generationOf(name);
    if (generation === undefined) throw new RecordingNotFoundError();
    const revoked = await this.storage.mergeMetadata(this.keyOf(name), { [METADATA_SHARE_GENERATION]: String(generation + 1) });
    if (!revoked) throw new RecordingNotFoundError();
  }

  /** True when the token is ours, names this recording, has not expired and was not revoked. */
  async allows(token: string, name: string, now = Date.now()): Promise<boolean> {
    const payload = this.keys.shareLinks.verify(token);
    if (!isSharePayload(payload) || payload.r !== name || payload.e <= now) return false;
    return (await this.generationOf(name)) === payload.g;
  }

  /** The recording's current share generation; undefined when there is no such recording. */
  private async generationOf(name: string): Promise<number | undefined> {
    const properties = await this.storage.getProperties(this.keyOf(name));
    if (!properties) return undefined;
    const generation = Number(properties.metadata[METADATA_SHARE_GENERATION] ?? 0);
    return Number.isSafeInteger(generation) && generation >= 0 ? generation : 0;
  }

  private keyOf(name: string): string {
    return blobKeyOf(this.config.recordingsPath, name);
  }
}
