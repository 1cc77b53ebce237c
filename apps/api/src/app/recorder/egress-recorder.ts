import { isValidRecordingName, recordingFilepathTemplate, RecordingLayout } from '@recording/contracts';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { rm, stat } from 'node:fs/promises';

import { AppConfig, StorageAccount } from '../config/app-config';
import { EgressService, RoomCompositeRequest } from '../livekit/egress.service';
import { EgressSnapshot } from '../livekit/egress-snapshot';
import { BlobStorageService, STORAGE_ACCOUNT } from '../storage/blob-storage.service';
import { RecordingRequest } from './recording-port';

/** The phases after which Egress writes no more to a file. */
const ENDED = new Set<EgressSnapshot['status']>(['complete', 'failed', 'aborted', 'limit_reached']);

/**
 * LiveKit Egress as a recorder: a room composite rendering the recording template (RECORDING_TEMPLATE_URL as
 * customBaseUrl, else Egress's own), writing one MP4 under the name the contract gives it. With EGRESS_OUTPUT=azure
 * Egress uploads it itself; with `volume` it writes into a folder shared with this app (the same path in both
 * containers), and the app uploads it with its own credentials once the egress ended, then deletes the local file —
 * on whichever path the news of that end arrives (webhook, a stop, the reconciler), so a restart loses nothing.
 * Either way what leaves here names the file by its blob key, as if Egress had uploaded it.
 */
@Injectable()
export class EgressRecorder {
  private readonly logger = new Logger('EgressRecorder');

  constructor(
    private readonly egress: EgressService,
    private readonly storage: BlobStorageService,
    private readonly config: AppConfig,
    @Inject(STORAGE_ACCOUNT) private readonly account: StorageAccount,
  ) {}

  async start(request: RecordingRequest): Promise<EgressSnapshot> {
    const template = recordingFilepathTemplate(this.config.recordingsPath);
    const { egressOutput } = this.config.recorder;
    const common = {
      roomName: request.roomName,
      layout: request.layout,
      audioOnly: request.audioOnly,
      customBaseUrl: this.config.recorder.templateUrl,
    };
    const compose: RoomCompositeRequest =
      egressOutput.kind === 'volume'
        ? { ...common, filepath: `${egressOutput.volumePath}/${template}`, destination: { kind: 'local' } }
        : {
            ...common,
            filepath: template,
            destination: {
              kind: 'azure',
              azure: {
                accountName: this.account.accountName,
                accountKey: this.account.accountKey,
                containerName: this.config.storage.containerName,
              },
            },
          };
    return this.settle(await this.egress.startRoomComposite(compose));
  }

  async stop(id: string): Promise<EgressSnapshot | undefined> {
    const stopped = await this.egress.stopEgress(id);
    return stopped && this.settle(stopped);
  }

  changeLayout(id: string, layout: RecordingLayout): Promise<void> {
    return this.egress.updateLayout(id, layout);
  }

  async listActive(roomName: string): Promise<EgressSnapshot[]> {
    return Promise.all((await this.egress.listActiveEgresses(roomName)).map((snapshot) => this.settle(snapshot)));
  }

  async find(id: string): Promise<EgressSnapshot | undefined> {
    const found = await this.egress.findEgress(id);
    return found && this.settle(found);
  }

  /**
   * Egress's word as the API hears it: with EGRESS_OUTPUT=volume the file is named by its blob key, and an ended
   * egress's file is uploaded from the shared folder first (a file already moved is left as it is).
   */
  async settle(snapshot: EgressSnapshot): Promise<EgressSnapshot> {
    const { egressOutput } = this.config.recorder;
    if (egressOutput.kind !== 'volume') return snapshot;
    const prefix = `${egressOutput.volumePath}/`;
    const local = snapshot.file?.filename.startsWith(prefix) ? snapshot.file.filename : undefined;
    const key = local?.slice(prefix.length);
    // Only our recordings (RECORDINGS_PATH + a recording's name) leave the shared folder for storage.
    if (local && key && ENDED.has(snapshot.status) && isRecordingKey(this.config.recordingsPath, key)) await this.moveToStorage(local, key);
    const unprefixed = (path: string | undefined) => (path?.startsWith(prefix) ? path.slice(prefix.length) : path);
    return {
      ...snapshot,
      ...(snapshot.file ? { file: { ...snapshot.file, filename: unprefixed(snapshot.file.filename)! } } : {}),
      ...(snapshot.request?.kind === 'room-composite'
        ? { request: { ...snapshot.request, filepath: unprefixed(snapshot.request.filepath) } }
        : {}),
    };
  }

  /** Uploads the file Egress left in the shared folder under `key`, then removes it; nothing when it is already gone. */
  private async moveToStorage(path: string, key: string): Promise<void> {
    const found = await stat(path).catch(() => undefined);
    if (!found) return;
    await this.storage.uploadFile(key, path, 'video/mp4');
    await rm(path, { force: true });
    this.logger.log({ event: 'recording.moved', recording: key, bytes: found.size }, 'Recording moved from the Egress volume into storage');
  }
}

function isRecordingKey(recordingsPath: string, key: string): boolean {
  return key.startsWith(recordingsPath) && isValidRecordingName(key.slice(recordingsPath.length));
}
