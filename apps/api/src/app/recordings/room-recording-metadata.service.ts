import { parseRoomRecording, RoomRecording, withRoomRecording } from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { RoomService } from '../livekit/room.service';
import { RecordingRecord, recordingStartOf } from './recording-record';
import { RecordingRecords } from './recording-records.service';

/**
 * Keeps the room's current recording in the LiveKit room's metadata (`{"recording": {...}}`, other keys kept), so a
 * participant who joins later sees it at once. The current recording is the newest record of this room (the room's
 * SID: a room created again under the same name starts clean), always read from storage, and writers hold the
 * room's lock: whoever writes last writes what is stored, whatever order the news came in.
 */
@Injectable()
export class RoomRecordingMetadata {
  private readonly logger = new Logger(RoomRecordingMetadata.name);

  constructor(
    private readonly rooms: RoomService,
    private readonly records: RecordingRecords,
  ) {}

  /**
   * Brings the room's metadata in line with the stored records; `latest` is a record just written (saves a read).
   * True when it wrote. Best effort: a room that is gone or a LiveKit failure leaves it to the next change or the
   * reconciler.
   */
  async sync(roomName: string, latest?: RecordingRecord): Promise<boolean> {
    try {
      const room = await this.rooms.findRoom(roomName);
      if (!room) return false;
      const [newest] = (await this.records.summariesOf(roomName)).filter((summary) => summary.roomId === room.sid);
      if (!newest) return false;
      const record = newest.egressId === latest?.egressId ? latest : (await this.records.read(roomName, newest.egressId))?.record;
      if (!record) return false;
      const recording = roomRecordingOf(record);
      if (sameRecording(parseRoomRecording(room.metadata), recording)) return false;
      const metadata = withRoomRecording(room.metadata, recording);
      if (metadata === undefined) {
        this.logger.warn({ room: roomName }, 'The room metadata is not a JSON object; the recording state is not written into it');
        return false;
      }
      return (await this.rooms.updateMetadata(roomName, metadata)) !== undefined;
    } catch (error) {
      this.logger.warn({ room: roomName, cause: (error as Error).message }, 'Could not update the room metadata; the reconciler retries');
      return false;
    }
  }
}

export function roomRecordingOf(record: RecordingRecord): RoomRecording {
  return {
    status: record.status,
    name: record.name,
    startedAt: recordingStartOf(record),
    ...(record.startedBy === undefined ? {} : { startedBy: record.startedBy }),
    ...(record.error === undefined ? {} : { error: record.error }),
  };
}

function sameRecording(a: RoomRecording | undefined, b: RoomRecording): boolean {
  return (
    a !== undefined &&
    a.status === b.status &&
    a.name === b.name &&
    a.startedAt === b.startedAt &&
    a.startedBy === b.startedBy &&
    a.error === b.error
  );
}
