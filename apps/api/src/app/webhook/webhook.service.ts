import { Injectable } from '@nestjs/common';

import { RoomBusyError, WebhookDeferredError } from '../errors/domain-errors';
import { WebhookVerifier } from '../livekit/webhook-verifier.service';
import { RecordingControl } from '../recordings/control/recording-control';

/** Shorter than LiveKit's wait for an answer: a busy room answers 503 and LiveKit delivers the event again. */
const ROOM_LOCK_WAIT_MS = 4_000;

/**
 * LiveKit webhooks: verified (signature, key, body hash) before anything happens, then egress news goes to recording
 * control, which applies it through the recording's stored record, so whichever replica gets a delivery (or a
 * duplicate, or a late one), each change is applied and announced once and the order is LiveKit's, not the order of
 * arrival.
 */
@Injectable()
export class WebhookService {
  constructor(
    private readonly verifier: WebhookVerifier,
    private readonly control: RecordingControl,
  ) {}

  async receive(body: string, authorization: string | undefined): Promise<void> {
    const event = await this.verifier.verify(body, authorization);
    if (!event.egress) return;
    try {
      // Throws (→ 5xx) when storage is down, so LiveKit delivers the event again later.
      await this.control.applyEgressNews(event.egress, ROOM_LOCK_WAIT_MS);
    } catch (error) {
      if (error instanceof RoomBusyError) throw new WebhookDeferredError();
      throw error;
    }
  }
}
