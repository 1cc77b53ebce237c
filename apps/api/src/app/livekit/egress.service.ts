import { Injectable } from '@nestjs/common';
import {
  AzureBlobUpload,
  DataPacket_Kind,
  EgressClient,
  EgressInfo,
  EncodedFileOutput,
  EncodedFileType,
  ParticipantInfo,
  Room,
  RoomServiceClient,
} from 'livekit-server-sdk';

import { AppConfig } from '../config/app-config';
import { liveKitStatusOf, toLiveKitError } from './livekit-errors';

/** Seconds; LiveKit down must turn into a quick 503, not a hanging request. */
const REQUEST_TIMEOUT_SECONDS = 5;
/** A name no room is expected to have: the readiness probe lists it to check reachability and credentials. */
const READINESS_PROBE_ROOM = 'readiness-probe';
/** `ParticipantInfo.Kind.EGRESS` in livekit_models.proto (the SDK does not re-export that enum). */
const EGRESS_PARTICIPANT_KIND = 2;

export interface AzureDestination {
  accountName: string;
  accountKey: string;
  containerName: string;
}

/**
 * The only door to LiveKit's server API (livekit-server-sdk EgressClient + RoomServiceClient). Every SDK
 * failure leaves as an upstream domain error.
 */
@Injectable()
export class EgressService {
  private readonly egressClient: EgressClient;
  private readonly roomClient: RoomServiceClient;
  private readonly url: string;

  constructor(config: AppConfig) {
    const { url, apiKey, apiSecret } = config.livekit;
    const options = { requestTimeout: REQUEST_TIMEOUT_SECONDS, failover: false };
    this.url = url;
    this.egressClient = new EgressClient(url, apiKey, apiSecret, options);
    this.roomClient = new RoomServiceClient(url, apiKey, apiSecret, options);
  }

  async findRoom(name: string): Promise<Room | undefined> {
    const rooms = await this.call('look up the room', () => this.roomClient.listRooms([name]));
    return rooms.find((room) => room.name === name);
  }

  /** Participants who are people (the hidden egress recorder is not one). */
  async listPeople(roomName: string): Promise<ParticipantInfo[]> {
    const participants = await this.call('list the participants', () => this.roomClient.listParticipants(roomName));
    return participants.filter((participant) => participant.kind !== EGRESS_PARTICIPANT_KIND);
  }

  /** Egresses of the room in STARTING, ACTIVE or ENDING. */
  listActiveEgresses(roomName: string): Promise<EgressInfo[]> {
    return this.call('list the recordings of the room', () => this.egressClient.listEgress({ roomName, active: true }));
  }

  startRoomCompositeFile(roomName: string, filepath: string, destination: AzureDestination): Promise<EgressInfo> {
    const output = new EncodedFileOutput({
      fileType: EncodedFileType.MP4,
      filepath,
      disableManifest: true,
      output: { case: 'azure', value: new AzureBlobUpload(destination) },
    });
    return this.call('start the recording', () => this.egressClient.startRoomCompositeEgress(roomName, output));
  }

  /** Stops the egress; undefined when it had already ended or is unknown (someone else stopped it). */
  async stopEgress(egressId: string): Promise<EgressInfo | undefined> {
    try {
      return await this.egressClient.stopEgress(egressId);
    } catch (error) {
      const status = liveKitStatusOf(error);
      if (status === 404 || status === 412) return undefined;
      throw toLiveKitError('stop the recording', this.url, error);
    }
  }

  sendData(roomName: string, payload: Uint8Array, topic: string): Promise<void> {
    return this.call('notify the room', () => this.roomClient.sendData(roomName, payload, DataPacket_Kind.RELIABLE, { topic }));
  }

  /** Readiness: LiveKit answers an authenticated call. */
  async ping(): Promise<void> {
    await this.call('reach LiveKit', () => this.roomClient.listRooms([READINESS_PROBE_ROOM]));
  }

  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toLiveKitError(action, this.url, error);
    }
  }
}
