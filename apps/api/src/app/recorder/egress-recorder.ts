import { recordingFilepathTemplate, RecordingLayout } from '@recording/contracts';

import { Inject, Injectable } from '@nestjs/common';

import { AppConfig, StorageAccount } from '../config/app-config';
import { EgressService } from '../livekit/egress.service';
import { EgressSnapshot } from '../livekit/egress-snapshot';
import { STORAGE_ACCOUNT } from '../storage/blob-storage.service';
import { RecordingRequest } from './recording-port';

/**
 * LiveKit Egress as a recorder: a room composite rendering the recording template (RECORDING_TEMPLATE_URL as
 * customBaseUrl, else Egress's own), writing one MP4 under the name the contract gives it, uploaded by Egress itself.
 */
@Injectable()
export class EgressRecorder {
  constructor(
    private readonly egress: EgressService,
    private readonly config: AppConfig,
    @Inject(STORAGE_ACCOUNT) private readonly account: StorageAccount,
  ) {}

  start(request: RecordingRequest): Promise<EgressSnapshot> {
    return this.egress.startRoomComposite({
      roomName: request.roomName,
      filepath: recordingFilepathTemplate(this.config.recordingsPath),
      destination: {
        kind: 'azure',
        azure: {
          accountName: this.account.accountName,
          accountKey: this.account.accountKey,
          containerName: this.config.storage.containerName,
        },
      },
      layout: request.layout,
      audioOnly: request.audioOnly,
      customBaseUrl: this.config.recorder.templateUrl,
    });
  }

  stop(id: string): Promise<EgressSnapshot | undefined> {
    return this.egress.stopEgress(id);
  }

  changeLayout(id: string, layout: RecordingLayout): Promise<void> {
    return this.egress.updateLayout(id, layout);
  }

  listActive(roomName: string): Promise<EgressSnapshot[]> {
    return this.egress.listActiveEgresses(roomName);
  }

  find(id: string): Promise<EgressSnapshot | undefined> {
    return this.egress.findEgress(id);
  }
}
