import { RecordingLayout } from '@recording/contracts';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { EgressMissingError } from '../errors/domain-errors';
import { EgressSnapshot } from '../livekit/egress-snapshot';
import { EgressRecorder } from './egress-recorder';
import { EMBEDDED_ID_PREFIX, EmbeddedRecorderService } from './embedded-recorder.service';
import { RecorderNewsListener, RecordingPort, RecordingRequest } from './recording-port';

/**
 * The recording port over the recorders RECORDER allows: `egress`, `embedded`, or `auto`, which records with Egress
 * when the LiveKit has one connected and otherwise — only on LiveKit's own "no Egress connected" — with the embedded
 * recorder. An unreachable LiveKit is an error, never a reason to record elsewhere. A recording's id says whose it is
 * (`EM_…` the embedded recorder's), so stopping, switching and finding never ask the wrong one.
 */
@Injectable()
export class RecorderRouter extends RecordingPort {
  constructor(
    private readonly egress: EgressRecorder,
    private readonly embedded: EmbeddedRecorderService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async start(request: RecordingRequest): Promise<EgressSnapshot> {
    const { mode } = this.config.recorder;
    if (mode === 'embedded') return this.embedded.start(request);
    // Asked first: a LiveKit without Egress answers a start only after a long wait, but a listing at once.
    try {
      await this.egress.listActive(request.roomName);
    } catch (error) {
      if (mode === 'auto' && error instanceof EgressMissingError) return this.embedded.start(request);
      throw error;
    }
    return this.egress.start(request);
  }

  stop(id: string): Promise<EgressSnapshot | undefined> {
    return isEmbedded(id) ? this.embedded.stop(id) : this.egress.stop(id);
  }

  changeLayout(id: string, layout: RecordingLayout): Promise<void> {
    return isEmbedded(id) ? this.embedded.changeLayout(id, layout) : this.egress.changeLayout(id, layout);
  }

  async listActive(roomName: string): Promise<EgressSnapshot[]> {
    const { mode } = this.config.recorder;
    const [egress, embedded] = await Promise.all([
      mode === 'embedded' ? [] : this.egressListing(roomName),
      mode === 'egress' ? [] : this.embedded.listActive(roomName),
    ]);
    return [...egress, ...embedded];
  }

  find(id: string): Promise<EgressSnapshot | undefined> {
    return isEmbedded(id) ? this.embedded.find(id) : this.egress.find(id);
  }

  settle(news: EgressSnapshot): Promise<EgressSnapshot> {
    return isEmbedded(news.egressId) ? Promise.resolve(news) : this.egress.settle(news);
  }

  lostReason(id: string): string {
    return isEmbedded(id)
      ? this.embedded.lostReason()
      : 'LiveKit no longer knows this recording: it ended without a word (LiveKit or its Egress may have restarted).';
  }

  onNews(listener: RecorderNewsListener): void {
    this.embedded.onNews(listener);
  }

  private async egressListing(roomName: string): Promise<EgressSnapshot[]> {
    try {
      return await this.egress.listActive(roomName);
    } catch (error) {
      // A LiveKit without Egress records nothing: nothing of it is in progress.
      if (this.config.recorder.mode === 'auto' && error instanceof EgressMissingError) return [];
      throw error;
    }
  }
}

function isEmbedded(id: string): boolean {
  return id.startsWith(EMBEDDED_ID_PREFIX);
}
