import { parseRoomRecording, RoomRecording, withRoomRecording } from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { LiveKitRoom, RoomService } from '../../livekit/room.service';
import { RecordingRecord, recordingStartOf } from './recording-record';
import { RecordingRecords, RecordSummary } from './recording-records.service';

/**
 * Keeps the room's current recording in the LiveKit room's metadata (`{"recording": {...}}`, other keys kept), so a
 * participant who joins later sees it at once. The current recording is the newest record of this room (the room's
 * SID: a room created again under the same name starts clean), as stored (read under the lock), and writers hold the
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
   * Brings the room's metadata in line with the stored records; `latest` is a record just written (saves a read), and
   * `listed` the room's records as the caller listed them at the beginning of its change, holding the room's lock
   * (saves listing them again). The SID of the room as it is now, undefined when it is gone or LiveKit could not say.
   * Best effort: a LiveKit failure leaves it to the next change or the reconciler.
   */
  async sync(roomName: string, latest?: RecordingRecord, listed?: RecordSummary[]): Promise<string | undefined> {
    try {
      const [room, summaries] = await Promise.all([this.rooms.findRoom(roomName), listed ?? this.records.summariesOf(roomName)]);
      if (!room) return undefined;
      const record = await this.currentRecording(roomName, room.sid, summaries, latest);
      if (record) await this.write(room, roomRecordingOf(record));
      return room.sid;
    } catch (error) {
      this.logger.warn({ room: roomName, cause: (error as Error).message }, 'Could not update the room metadata; the reconciler retries');
      return undefined;
    }
  }

  /** The newest record of this room SID: `latest` when it is that one (or newer than any listed), else read. */
  private async currentRecording(
    roomName: string,
    roomSid: string,
    summaries: RecordSummary[],
    latest: RecordingRecord | undefined,
  ): Promise<RecordingRecord | undefined> {
    const [newest] = summaries.filter((summary) => summary.roomId === roomSid);
    if (latest?.roomId === roomSid && (!newest || newest.egressId === latest.egressId || latest.startedAt > newest.startedAt))
      return latest;
    return newest && (await this.records.read(roomName, newest.egressId))?.record;
  }

  private async write(room: LiveKitRoom, recording: RoomRecording): Promise<void> {
    if (sameRecording(parseRoomRecording(room.metadata), recording)) return;
    const metadata = withRoomRecording(room.metadata, recording);
    if (metadata === undefined) {
      this.logger.warn({ room: room.name }, 'The room metadata is not a JSON object; the recording state is not written into it');
      return;
    }
    await this.rooms.updateMetadata(room.name, metadata);
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
