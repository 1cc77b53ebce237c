import { parseRoomRecording, RoomRecording, withRoomRecording } from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { LiveKitRoom, RoomService } from '../../livekit/room.service';
import { LockedRoom } from './locked-room';
import { RecordingRecord, recordingStartOf } from './recording-record';
import { RecordingRecords } from './recording-records.service';

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
   * `known` what the caller, holding the room's lock, already read of the room (saves reading it again). The SID of
   * the room as it is now, undefined when it is gone or LiveKit could not say. Best effort: a LiveKit failure leaves it
   * to the next change or the reconciler.
   */
  async sync(roomName: string, latest?: RecordingRecord, known?: LockedRoom): Promise<string | undefined> {
    try {
      const [room, summaries] = known
        ? [await known.room, known.summaries]
        : await Promise.all([this.rooms.findRoom(roomName), this.records.summariesOf(roomName)]);
      if (!room) return undefined;
      const [newest] = summaries.filter((summary) => summary.roomId === room.sid);
      const record =
        newest?.egressId === latest?.egressId
          ? latest
          : newest && (await this.records.readListed(roomName, newest.egressId, newest.etag))?.record;
      if (record) {
        const written = await this.write(room, roomRecordingOf(record));
        if (written) known?.roomWritten(written);
      }
      return room.sid;
    } catch (error) {
      this.logger.warn({ room: roomName, cause: (error as Error).message }, 'Could not update the room metadata; the reconciler retries');
      return undefined;
    }
  }

  /** The room as LiveKit answered the update; undefined when nothing was written. */
  private async write(room: LiveKitRoom, recording: RoomRecording): Promise<LiveKitRoom | undefined> {
    if (sameRecording(parseRoomRecording(room.metadata), recording)) return undefined;
    const metadata = withRoomRecording(room.metadata, recording);
    if (metadata === undefined) {
      this.logger.warn({ room: room.name }, 'The room metadata is not a JSON object; the recording state is not written into it');
      return undefined;
    }
    return this.rooms.updateMetadata(room.name, metadata);
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
