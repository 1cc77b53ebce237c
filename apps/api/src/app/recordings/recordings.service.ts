import { recordingFilepathTemplate, StartedRecording, StoppedRecording } from '@recording/contracts';

import { Inject, Injectable, Logger } from '@nestjs/common';

import { AppConfig, StorageAccount } from '../config/app-config';
import { RecordingAlreadyActiveError, RecordingNotActiveError, RoomNotRecordableError } from '../errors/domain-errors';
import { EgressService } from '../livekit/egress.service';
import { RoomService } from '../livekit/room.service';
import { STORAGE_ACCOUNT } from '../storage/blob-storage.service';
import { OwnedEgress, ownedEgress, recordingOfEgress } from './egress-recording';
import { RecordingNotifier } from './recording-notifier.service';
import { RoomLockService } from './room-lock.service';

/** Starting and stopping a room's recording (a LiveKit room-composite egress writing an MP4 to Azure). */
@Injectable()
export class RecordingsService {
  private readonly logger = new Logger(RecordingsService.name);

  constructor(
    private readonly egress: EgressService,
    private readonly rooms: RoomService,
    private readonly lock: RoomLockService,
    private readonly notifier: RecordingNotifier,
    private readonly config: AppConfig,
    @Inject(STORAGE_ACCOUNT) private readonly account: StorageAccount,
  ) {}

  async start(roomName: string): Promise<StartedRecording> {
    const recording = await this.lock.withRoomLock(roomName, async () => {
      const room = await this.rooms.findRoom(roomName);
      if (!room) {
        throw new RoomNotRecordableError(`Room "${roomName}" does not exist: join it before starting a recording`);
      }
      if ((await this.rooms.listPeople(roomName)).length === 0) {
        throw new RoomNotRecordableError(`Room "${roomName}" has no participants: a recording needs someone in the room`);
      }
      if ((await this.activeRecordings(roomName)).length > 0) throw new RecordingAlreadyActiveError();

      const info = await this.egress.startRoomCompositeFile(roomName, recordingFilepathTemplate(this.config.recordingsPath), {
        accountName: this.account.accountName,
        accountKey: this.account.accountKey,
        containerName: this.config.storage.containerName,
      });
      const owned = ownedEgress(info, this.config.recordingsPath) ?? { info };
      const started = recordingOfEgress(owned, { roomName, roomId: room.sid });
      this.logger.log(
        { event: 'recording.started', room: roomName, recording: started.name, egressId: info.egressId },
        'Recording started',
      );
      return started;
    });
    this.notifier.publish(roomName, { type: 'recording_status', recording });
    return recording;
  }

  /** Stops the room's recording, also one still starting (which LiveKit then aborts). */
  async stop(roomName: string): Promise<StoppedRecording> {
    const recording = await this.lock.withRoomLock(roomName, async () => {
      const active = await this.activeRecordings(roomName);
      if (active.length === 0) throw new RecordingNotActiveError();
      const stopped = await Promise.all(active.map(({ info }) => this.egress.stopEgress(info.egressId)));
      // Undefined: it ended by itself between the listing and the stop; it is stopping all the same.
      const owned = (stopped[0] && ownedEgress(stopped[0], this.config.recordingsPath)) || active[0];
      const { name, roomId, status } = recordingOfEgress(owned, { roomName });
      const egressIds = active.map(({ info }) => info.egressId);
      this.logger.log({ event: 'recording.stopped', room: roomName, recording: name, egressId: egressIds.join(',') }, 'Recording stopped');
      return { name, roomName, roomId, status: stopped[0] ? status : 'ending' } satisfies StoppedRecording;
    });
    this.notifier.publish(roomName, { type: 'recording_status', recording });
    return recording;
  }

  /** Our recordings of the room that egress is still starting, recording or saving. */
  async activeRecordings(roomName: string): Promise<OwnedEgress[]> {
    const egresses = await this.egress.listActiveEgresses(roomName);
    return egresses
      .map((info) => ownedEgress(info, this.config.recordingsPath))
      .filter((owned): owned is OwnedEgress => owned !== undefined);
  }
}
