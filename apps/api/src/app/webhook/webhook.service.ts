import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { RoomBusyError, WebhookDeferredError } from '../errors/domain-errors';
import { WebhookVerifier } from '../livekit/webhook-verifier.service';
import { ownedEgress } from '../recordings/control/egress-recording';
import { RecordingLifecycle } from '../recordings/control/recording-lifecycle.service';
import { RecordingReconciler } from '../recordings/control/recording-reconciler.service';
import { isEnded } from '../recordings/control/recording-record';
import { RoomLockService } from '../recordings/control/room-lock.service';

/** Shorter than LiveKit's wait for an answer: a busy room answers 503 and LiveKit delivers the event again. */
const ROOM_LOCK_WAIT_MS = 4_000;

/**
 * LiveKit webhooks: verified (signature, key, body hash) before anything happens, then egress news is applied
 * through the recording's stored record, so whichever replica gets a delivery (or a duplicate, or a late one), each
 * change is applied and announced once and the order is LiveKit's, not the order of arrival.
 */
@Injectable()
export class WebhookService {
  constructor(
    private readonly config: AppConfig,
    private readonly lifecycle: RecordingLifecycle,
    private readonly lock: RoomLockService,
    private readonly reconciler: RecordingReconciler,
    private readonly verifier: WebhookVerifier,
  ) {}

  async receive(body: string, authorization: string | undefined): Promise<void> {
    const event = await this.verifier.verify(body, authorization);
    const owned = event.egress && ownedEgress(event.egress, this.config.recordingsPath);
    if (!owned) return;
    try {
      // Throws (→ 5xx) when storage is down, so LiveKit delivers the event again later.
      const record = await this.lock.withRoomLock(owned.info.roomName, () => this.lifecycle.apply(owned), { waitMs: ROOM_LOCK_WAIT_MS });
      // This replica may not have started it (or restarted since): it watches it too from now on.
      if (!isEnded(record.status)) this.reconciler.wake();
    } catch (error) {
      if (error instanceof RoomBusyError) throw new WebhookDeferredError();
      throw error;
    }
  }
}
