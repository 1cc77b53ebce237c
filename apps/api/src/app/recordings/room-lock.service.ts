import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { AppConfig } from '../config/app-config';
import { RoomBusyError } from '../errors/domain-errors';
import { BlobStorageService } from '../storage/blob-storage.service';

/** Longer than one start or stop takes (a few LiveKit calls of at most 5 s each); expires if we crash. */
const LEASE_SECONDS = 60;
/** How long a request waits for another replica's start/stop of the same room. */
const WAIT_FOR_LEASE_MS = 15_000;

/**
 * One start or stop at a time per room: requests in this process queue up in order, and replicas
 * behind a load balancer take turns through a lease on a lock blob in the shared container (LiveKit
 * itself allows several egresses per room, so nothing else would stop double recordings). The lock blob
 * exists only while a request holds it.
 */
@Injectable()
export class RoomLockService {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: BlobStorageService,
    private readonly config: AppConfig,
  ) {}

  async withRoomLock<T>(roomName: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(roomName) ?? Promise.resolve();
    let release!: () => void;
    const turn = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.queues.set(roomName, turn);
    await previous;
    try {
      return await this.withLease(roomName, work);
    } finally {
      release();
      if (this.queues.get(roomName) === turn) this.queues.delete(roomName);
    }
  }

  private async withLease<T>(roomName: string, work: () => Promise<T>): Promise<T> {
    const key = `${this.config.recordingsPath}.locks/${createHash('sha256').update(roomName).digest('hex')}`;
    const deadline = Date.now() + WAIT_FOR_LEASE_MS;
    let leaseId = await this.storage.tryAcquireLease(key, LEASE_SECONDS);
    while (!leaseId) {
      if (Date.now() > deadline) throw new RoomBusyError();
      await sleep(100 + Math.random() * 200);
      leaseId = await this.storage.tryAcquireLease(key, LEASE_SECONDS);
    }
    try {
      return await work();
    } finally {
      await this.storage.deleteLeasedBlob(key, leaseId);
    }
  }
}
