import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { EgressSnapshot } from '../livekit/egress-snapshot';
import { WebhookVerifier } from '../livekit/webhook-verifier.service';
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
  private readonly logger = new Logger(WebhookService.name);
  private readonly progress = new Map<string, number>();

  constructor(
    private readonly config: AppConfig,
    private readonly library: RecordingLibraryService,
    private readonly notifier: RecordingNotifier,
    private readonly verifier: WebhookVerifier,
  ) {}

  async receive(body: string, authorization: string | undefined): Promise<void> {
    const event = await this.verifier.verify(body, authorization);
    if (event.egress) await this.onEgressNews(event.egress);
  }

  private async onEgressNews(info: EgressSnapshot): Promise<void> {
    const owned = ownedEgress(info, this.config.recordingsPath);
    if (!owned) return;
    const progress = egressProgressOf(info.status);
    if ((this.progress.get(info.egressId) ?? -1) >= progress) return;

    // Throws (→ 5xx) when storage is down, so LiveKit delivers the event again later.
    if (info.status === 'complete' && owned.name) await this.library.recordCompletion(owned.name, info);
    this.remember(info.egressId, progress);
    const recording = recordingOfEgress(owned, { roomName: info.roomName });
    this.logEnd(info, recording.name);
    this.notifier.publish(info.roomName, {
      type: 'recording_status',
      recording,
      ...(info.error ? { error: info.error } : {}),
    });
  }

  /** How a recording ended, once (the progress check above lets each end through one time). */
  private logEnd(info: EgressSnapshot, recording: string): void {
    const fields = { room: info.roomName, recording, egressId: info.egressId, status: info.status };
    if (info.status === 'complete') {
      this.logger.log({ event: 'recording.completed', ...fields, durationMs: info.file?.durationMs }, 'Recording saved');
    } else if (egressProgressOf(info.status) === egressProgressOf('complete')) {
      this.logger.warn(
        { event: 'recording.failed', ...fields, error: info.error },
        `Recording did not complete (${info.status}): ${info.error ?? 'no reason given'}`,
      );
    }
  }

  private remember(egressId: string, progress: number): void {
    this.progress.delete(egressId);
    this.progress.set(egressId, progress);
    if (this.progress.size > REMEMBERED_EGRESSES) this.progress.delete(this.progress.keys().next().value as string);
  }
}
