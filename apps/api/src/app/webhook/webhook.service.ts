import { Injectable } from '@nestjs/common';
import { EgressInfo, EgressStatus, WebhookEvent, WebhookReceiver } from 'livekit-server-sdk';

import { AppConfig } from '../config/app-config';
import { InvalidInputError, InvalidWebhookError } from '../errors/domain-errors';
import { egressProgressOf, ownedEgress, recordingOfEgress } from '../recordings/egress-recording';
import { RecordingLibraryService } from '../recordings/recording-library.service';
import { RecordingNotifier } from '../recordings/recording-notifier.service';

/** Egresses whose progress this process remembers (enough for every recording of a busy day). */
const REMEMBERED_EGRESSES = 10_000;

/**
 * LiveKit webhooks: verified (signature, key, body hash) before anything happens, then egress news is
 * applied once. LiveKit may retry, duplicate or reorder deliveries, so an event that does not move an
 * egress forward is acknowledged and ignored.
 */
@Injectable()
export class WebhookService {
  private readonly receiver: WebhookReceiver;
  private readonly progress = new Map<string, number>();

  constructor(
    private readonly config: AppConfig,
    private readonly library: RecordingLibraryService,
    private readonly notifier: RecordingNotifier,
  ) {
    this.receiver = new WebhookReceiver(config.livekit.apiKey, config.livekit.apiSecret);
  }

  async receive(body: string, authorization: string | undefined): Promise<void> {
    const event = await this.verify(body, authorization);
    if (event.egressInfo) await this.onEgressNews(event.egressInfo);
  }

  private async verify(body: string, authorization: string | undefined): Promise<WebhookEvent> {
    try {
      return await this.receiver.receive(body, authorization);
    } catch (error) {
      if (error instanceof SyntaxError) throw new InvalidInputError('Webhook body is not valid JSON');
      throw new InvalidWebhookError('Invalid webhook: missing or wrong signature, API key or body hash');
    }
  }

  private async onEgressNews(info: EgressInfo): Promise<void> {
    const owned = ownedEgress(info, this.config.recordingsPath);
    if (!owned) return;
    const progress = egressProgressOf(info.status);
    if ((this.progress.get(info.egressId) ?? -1) >= progress) return;

    // Throws (→ 5xx) when storage is down, so LiveKit delivers the event again later.
    if (info.status === EgressStatus.EGRESS_COMPLETE && owned.name) await this.library.recordCompletion(owned.name, info);
    this.remember(info.egressId, progress);
    this.notifier.publish(info.roomName, {
      type: 'recording_status',
      recording: recordingOfEgress(owned, { roomName: info.roomName }),
      ...(info.error ? { error: info.error } : {}),
    });
  }

  private remember(egressId: string, progress: number): void {
    this.progress.delete(egressId);
    this.progress.set(egressId, progress);
    if (this.progress.size > REMEMBERED_EGRESSES) this.progress.delete(this.progress.keys().next().value as string);
  }
}
