import { Injectable } from '@nestjs/common';
import { AzureBlobUpload, EgressClient, EncodedFileOutput, EncodedFileType } from 'livekit-server-sdk';

import { AppConfig } from '../config/app-config';
import { EgressSnapshot, egressSnapshotOf } from './egress-snapshot';
import { callLiveKit, CLIENT_OPTIONS } from './livekit-calls';
import { liveKitStatusOf, toLiveKitError } from './livekit-errors';

export interface AzureDestination {
  accountName: string;
  accountKey: string;
  containerName: string;
}

/** What a room composite records, and where its MP4 goes: uploaded to Azure by Egress, or left in Egress's file system. */
export interface RoomCompositeRequest {
  roomName: string;
  /** The file path with Egress's placeholders (`{room_name}`, `{time}`, `{room_id}`); Egress appends `.mp4`. */
  filepath: string;
  destination: { kind: 'azure'; azure: AzureDestination } | { kind: 'local' };
  layout: string;
  audioOnly: boolean;
  /** The recording template's URL as Egress reaches it; undefined: Egress's built-in template. */
  customBaseUrl?: string;
}

/**
 * LiveKit's Egress API (livekit-server-sdk EgressClient): start, stop and list recordings, reported as
 * {@link EgressSnapshot}s. Every SDK failure leaves as an upstream domain error.
 */
@Injectable()
export class EgressService {
  private readonly client: EgressClient;
  private readonly url: string;

  constructor(config: AppConfig) {
    const { url, apiKey, apiSecret } = config.livekit;
    this.url = url;
    this.client = new EgressClient(url, apiKey, apiSecret, CLIENT_OPTIONS);
  }

  /** Egresses of the room in STARTING, ACTIVE or ENDING. */
  async listActiveEgresses(roomName: string): Promise<EgressSnapshot[]> {
    const egresses = await callLiveKit('list the recordings of the room', this.url, () =>
      this.client.listEgress({ roomName, active: true }),
    );
    return egresses.map(egressSnapshotOf);
  }

  /** Every egress LiveKit still knows of the room, ended ones too (LiveKit forgets those a day after they end). */
  async listEgresses(roomName: string): Promise<EgressSnapshot[]> {
    const egresses = await callLiveKit('list the recordings of the room', this.url, () => this.client.listEgress({ roomName }));
    return egresses.map(egressSnapshotOf);
  }

  /** One egress; undefined when LiveKit does not know it (any more). */
  async findEgress(egressId: string): Promise<EgressSnapshot | undefined> {
    try {
      const [info] = await this.client.listEgress({ egressId });
      return info && egressSnapshotOf(info);
    } catch (error) {
      if (liveKitStatusOf(error) === 404) return undefined;
      throw toLiveKitError('look up the recording', this.url, error);
    }
  }

  async startRoomComposite(request: RoomCompositeRequest): Promise<EgressSnapshot> {
    const { destination } = request;
    const output = new EncodedFileOutput({
      fileType: EncodedFileType.MP4,
      filepath: request.filepath,
      disableManifest: true,
      output: destination.kind === 'azure' ? { case: 'azure', value: new AzureBlobUpload(destination.azure) } : { case: undefined },
    });
    const options = { layout: request.layout, audioOnly: request.audioOnly, customBaseUrl: request.customBaseUrl };
    const info = await callLiveKit('start the recording', this.url, () =>
      this.client.startRoomCompositeEgress(request.roomName, output, options),
    );
    return egressSnapshotOf(info);
  }

  /** Switches a running room composite to another layout (its template hears it as the recorder's metadata). */
  async updateLayout(egressId: string, layout: string): Promise<void> {
    await callLiveKit('change the recording layout', this.url, () => this.client.updateLayout(egressId, layout));
  }

  /** Stops the egress; undefined when it had already ended or is unknown (someone else stopped it). */
  async stopEgress(egressId: string): Promise<EgressSnapshot | undefined> {
    try {
      return egressSnapshotOf(await this.client.stopEgress(egressId));
    } catch (error) {
      const status = liveKitStatusOf(error);
      if (status === 404 || status === 412) return undefined;
      throw toLiveKitError('stop the recording', this.url, error);
    }
  }
}
