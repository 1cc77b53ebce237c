import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { AppConfig } from '../../config/app-config';
import { RoomBusyError } from '../../errors/domain-errors';
import { BlobStorageService } from '../../storage/blob-storage.service';

/** Longer than one start or stop takes (a few LiveKit calls of at most 5 s each); expires if we crash. */
const LEASE_SECONDS = 60;
/** How long a request waits, by default, for another replica's work on the same room. */
const WAIT_FOR_LEASE_MS = 15_000;

/**
 * One change at a time per room (a start, a stop, a webhook, the reconciler): requests in this process queue up in
 * order, and replicas behind a load balancer take turns through a lease on a lock blob in the shared container
 * (LiveKit itself allows several egresses per room, so nothing else would stop double recordings, and room metadata
 * has no conditional write). The lock blob (empty) is created on a room's first change and kept: each change takes and
 * releases its lease, one round trip each.
 */
@Injectable()
export class RoomLockService {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly storage: BlobStorageService,
    private readonly config: AppConfig,
  ) {}

  /** Runs `work` holding the room's lock; RoomBusyError when another replica holds it longer than `waitMs`. */
  async withRoomLock<T>(roomName: string, work: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
    const previous = this.queues.get(roomName) ?? Promise.resolve();
    let release!: () => void;
    const turn = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.queues.set(roomName, turn);
    await previous;
    try {
      return await this.withLease(roomName, work, options.waitMs ?? WAIT_FOR_LEASE_MS);
    } finally {
      release();
      if (this.queues.get(roomName) === turn) this.queues.delete(roomName);
    }
  }

  private async withLease<T>(roomName: string, work: () => Promise<T>, waitMs: number): Promise<T> {
    const key = `${this.config.recordingsPath}.locks/${createHash('sha256').update(roomName).digest('hex')}`;
    const deadline = Date.now() + waitMs;
    let leaseId = await this.storage.tryAcquireLease(key, LEASE_SECONDS);
    while (!leaseId) {
      if (Date.now() > deadline) throw new RoomBusyError();
      await sleep(100 + Math.random() * 200);
      leaseId = await this.storage.tryAcquireLease(key, LEASE_SECONDS);
    }
    try {
      return await work();
    } finally {
      await this.storage.releaseLease(key, leaseId);
    }
  }
}
