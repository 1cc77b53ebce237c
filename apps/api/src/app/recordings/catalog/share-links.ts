import { recordingKeyOf } from '@recording/contracts';

import { Injectable } from '@nestjs/common';

import { SessionKeys } from '../../access/session-keys';
import { AppConfig } from '../../config/app-config';
import { RecordingNotFoundError } from '../../errors/domain-errors';
import { BlobStorageService } from '../../storage/blob-storage.service';
import { RecordingDetailsStore } from './recording-details.service';

export interface ShareLink {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** What a share token carries, sealed: the recording, its expiry (epoch ms) and the share generation it was issued in. */
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
 * Share links: opaque tokens sealed by the server, standing for one recording, an expiry and the recording's share
 * generation (kept in the recording's details, so every replica agrees and deleting the recording ends its links).
 * Nothing in a link names the recording or its room.
 */
@Injectable()
export class ShareLinks {
  constructor(
    private readonly storage: BlobStorageService,
    private readonly details: RecordingDetailsStore,
    private readonly keys: SessionKeys,
    private readonly config: AppConfig,
  ) {}

  async create(name: string, expiresInMinutes: number, now = Date.now()): Promise<ShareLink> {
    await this.requireRecording(name);
    // Written now if need be: a link opens only while its recording's details exist (deleted with the recording).
    const { shareGeneration } = await this.details.readOrCreate(name);
    const expiresAt = now + expiresInMinutes * 60_000;
    return { token: this.keys.shareLinks.seal({ r: name, e: expiresAt, g: shareGeneration } satisfies SharePayload), expiresAt };
  }

  /**
   * Every link issued so far stops working. The generation is raised by a write conditional on the version read, so
   * two revocations at once raise it twice and a slow one never writes back an older generation.
   */
  async revokeAll(name: string): Promise<void> {
    await this.requireRecording(name);
    await this.details.update(name, (current) => ({ ...current, shareGeneration: current.shareGeneration + 1 }));
  }

  /** The recording a token opens: undefined when it is not ours, expired or revoked. */
  async open(token: string, now = Date.now()): Promise<string | undefined> {
    const payload = this.keys.shareLinks.open(token);
    return isSharePayload(payload) && (await this.isCurrent(payload, now)) ? payload.r : undefined;
  }

  /** True when the token opens this recording (`?share=` on the routes that name it). */
  async allows(token: string, name: string, now = Date.now()): Promise<boolean> {
    const payload = this.keys.shareLinks.open(token);
    return isSharePayload(payload) && payload.r === name && (await this.isCurrent(payload, now));
  }

  private async isCurrent(payload: SharePayload, now: number): Promise<boolean> {
    return payload.e > now && (await this.details.read(payload.r))?.shareGeneration === payload.g;
  }

  private async requireRecording(name: string): Promise<void> {
    if (!(await this.storage.getProperties(recordingKeyOf(this.config.recordingsPath, name)))) throw new RecordingNotFoundError();
  }
}
