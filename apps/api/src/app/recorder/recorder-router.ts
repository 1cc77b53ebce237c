import { RecordingLayout } from '@recording/contracts';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { EgressMissingError } from '../errors/domain-errors';
import { EgressSnapshot } from '../livekit/egress-snapshot';
import { EgressRecorder } from './egress-recorder';
import { RecorderNewsListener, RecordingPort, RecordingRequest } from './recording-port';

/**
 * The recording port over the recorders RECORDER allows: `egress` alone, or `auto`, which records with Egress when
 * the LiveKit has one connected and otherwise (LiveKit's own "no Egress connected") with the embedded recorder. An
 * unreachable LiveKit is an error, never a reason to record elsewhere.
 */
@Injectable()
export class RecorderRouter extends RecordingPort {
  private readonly listeners: RecorderNewsListener[] = [];

  constructor(
    private readonly egress: EgressRecorder,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async start(request: RecordingRequest): Promise<EgressSnapshot> {
    // Asked first, as a LiveKit without Egress answers a start only after a long wait, but a listing at once.
    await this.egress.listActive(request.roomName);
    return this.egress.start(request);
  }

  stop(id: string): Promise<EgressSnapshot | undefined> {
    return this.egress.stop(id);
  }

  changeLayout(id: string, layout: RecordingLayout): Promise<void> {
    return this.egress.changeLayout(id, layout);
  }

  async listActive(roomName: string): Promise<EgressSnapshot[]> {
    try {
      return await this.egress.listActive(roomName);
    } catch (error) {
      // A LiveKit without Egress records nothing: nothing of it is in progress.
      if (this.config.recorder.mode === 'auto' && error instanceof EgressMissingError) return [];
      throw error;
    }
  }

  find(id: string): Promise<EgressSnapshot | undefined> {
    return this.egress.find(id);
  }

  lostReason(): string {
    return 'LiveKit no longer knows this recording: it ended without a word (LiveKit or its Egress may have restarted).';
  }

  onNews(listener: RecorderNewsListener): void {
    this.listeners.push(listener);
  }
}
