import { Injectable } from '@nestjs/common';
import { DataPacket_Kind, Room, RoomServiceClient } from 'livekit-server-sdk';

import { AppConfig } from '../config/app-config';
import { callLiveKit, CLIENT_OPTIONS } from './livekit-calls';
import { liveKitStatusOf, toLiveKitError } from './livekit-errors';

/** A name no room is expected to have: the readiness probe lists it to check reachability and credentials. */
const READINESS_PROBE_ROOM = 'readiness-probe';
/** `ParticipantInfo.Kind.EGRESS` in livekit_models.proto (the SDK does not re-export that enum). */
const EGRESS_PARTICIPANT_KIND = 2;

export interface LiveKitRoom {
  name: string;
  /** The room's SID (`RM_…`), new each time the room is created. */
  sid: string;
  /** Free text the application keeps with the room (LiveKit sends changes to everyone in it). */
  metadata: string;
  numParticipants: number;
}

export interface RoomParticipant {
  identity: string;
  name: string;
  /** Publishes at least one track (a camera, a microphone, a screen): something egress can record. */
  publishing: boolean;
}

/**
 * LiveKit's Room API (livekit-server-sdk RoomServiceClient): rooms, their participants, their metadata, and
 * data messages to everyone in them. Every SDK failure leaves as an upstream domain error.
 */
@Injectable()
export class RoomService {
  private readonly client: RoomServiceClient;
  private readonly url: string;

  constructor(config: AppConfig) {
    const { url, apiKey, apiSecret } = config.livekit;
    this.url = url;
    this.client = new RoomServiceClient(url, apiKey, apiSecret, CLIENT_OPTIONS);
  }

  async findRoom(name: string): Promise<LiveKitRoom | undefined> {
    const rooms = await callLiveKit('look up the room', this.url, () => this.client.listRooms([name]));
    const room = rooms.find((candidate) => candidate.name === name);
    return room && roomOf(room);
  }

  /** Participants who are people (the hidden egress recorder is not one). */
  async listPeople(roomName: string): Promise<RoomParticipant[]> {
    const participants = await callLiveKit('list the participants', this.url, () => this.client.listParticipants(roomName));
    return participants
      .filter((participant) => participant.kind !== EGRESS_PARTICIPANT_KIND)
      .map(({ identity, name, tracks }) => ({ identity, name, publishing: tracks.length > 0 }));
  }

  /** The room's metadata; undefined when there is no such room. */
  async readMetadata(roomName: string): Promise<string | undefined> {
    return (await this.findRoom(roomName))?.metadata;
  }

  /** Replaces the room's metadata (everyone in the room is told); undefined when there is no such room. */
  async updateMetadata(roomName: string, metadata: string): Promise<LiveKitRoom | undefined> {
    try {
      return roomOf(await this.client.updateRoomMetadata(roomName, metadata));
    } catch (error) {
      if (liveKitStatusOf(error) === 404) return undefined;
      throw toLiveKitError('update the room metadata', this.url, error);
    }
  }

  /**
   * Replaces a participant's metadata (the participant is told): a recorder's `{"layout": …}` is how its template
   * hears of a layout change, as Egress's UpdateLayout does it. False when there is no such participant.
   */
  async updateParticipantMetadata(roomName: string, identity: string, metadata: string): Promise<boolean> {
    try {
      await this.client.updateParticipant(roomName, identity, { metadata });
      return true;
    } catch (error) {
      if (liveKitStatusOf(error) === 404) return false;
      throw toLiveKitError('update the participant', this.url, error);
    }
  }

  /** Removes a participant from the room (a recorder left behind by a process that ended); nothing when it is not there. */
  async removeParticipant(roomName: string, identity: string): Promise<void> {
    try {
      await this.client.removeParticipant(roomName, identity);
    } catch (error) {
      if (liveKitStatusOf(error) !== 404) throw toLiveKitError('remove the participant', this.url, error);
    }
  }

  /** A reliable data message to everyone in the room. */
  async sendData(roomName: string, payload: Uint8Array, topic: string): Promise<void> {
    await callLiveKit('notify the room', this.url, () => this.client.sendData(roomName, payload, DataPacket_Kind.RELIABLE, { topic }));
  }

  /** Readiness: LiveKit answers an authenticated call. */
  async ping(): Promise<void> {
    await callLiveKit('reach LiveKit', this.url, () => this.client.listRooms([READINESS_PROBE_ROOM]));
  }
}

function roomOf(room: Room): LiveKitRoom {
  return { name: room.name, sid: room.sid, metadata: room.metadata, numParticipants: room.numParticipants };
}
