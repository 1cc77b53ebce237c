import { parseRoomRecording, RoomRecording } from '@recording/contracts';

import { RoomServiceClient } from 'livekit-server-sdk';
import { setTimeout as sleep } from 'node:timers/promises';

import { LIVEKIT_API_KEY, LIVEKIT_API_SECRET } from './e2e-environment';

/** What the real LiveKit server says about a room: the API's news in its metadata, and who is in it. */
export class RoomState {
  private readonly rooms: RoomServiceClient;

  constructor(liveKitUrl: string) {
    this.rooms = new RoomServiceClient(liveKitUrl.replace(/^ws/, 'http'), LIVEKIT_API_KEY, LIVEKIT_API_SECRET);
  }

  /** The room's current recording as the API last wrote it into the room metadata (what joiners and data messages get). */
  async recording(roomName: string): Promise<RoomRecording | undefined> {
    const [room] = await this.rooms.listRooms([roomName]);
    return room ? parseRoomRecording(room.metadata) : undefined;
  }

  /**
   * Polls the metadata every 100 ms until the recording `name` (any, when unset) has `status`; returns it and this
   * process's clock when it was first seen so.
   */
  async waitForRecording(
    roomName: string,
    status: RoomRecording['status'],
    options: { name?: string; timeoutMs?: number } = {},
  ): Promise<{ recording: RoomRecording; seenAt: number }> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    let last: RoomRecording | undefined;
    while (Date.now() < deadline) {
      last = await this.recording(roomName);
      if (last?.status === status && (options.name === undefined || last.name === options.name))
        return { recording: last, seenAt: Date.now() };
      await sleep(100);
    }
    throw new Error(`The room ${roomName} did not report a recording ${status} in time; last: ${JSON.stringify(last)}`);
  }

  /** The recorders in the room (hidden participants with LiveKit's `recorder` grant). */
  async recorders(roomName: string): Promise<string[]> {
    const participants = await this.rooms.listParticipants(roomName);
    return participants.filter((participant) => participant.permission?.recorder).map((participant) => participant.identity);
  }
}
