import { recordingFilepathTemplate, StartedRecording, StoppedRecording } from '@recording/contracts';

import { Inject, Injectable, Logger } from '@nestjs/common';

import { AppConfig, StorageAccount } from '../config/app-config';
import { RecordingAlreadyActiveError, RecordingNotActiveError, RoomNotRecordableError } from '../errors/domain-errors';
import { EgressService } from '../livekit/egress.service';
import { EgressPhase } from '../livekit/egress-snapshot';
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

  /** `startedBy`: who asked (the credential's participant name, or `operator`); undefined in open mode. */
  async start(roomName: string, startedBy?: string): Promise<StartedRecording> {
    const recording = await this.lock.withRoomLock(roomName, async () => {
      const room = await this.rooms.findRoom(roomName);
      if (!room) {
        throw new RoomNotRecordableError(`Room "${roomName}" does not exist: join it before starting a recording`);
      }
      if ((await this.rooms.listPeople(roomName)).length === 0) {
        throw new RoomNotRecordableError(`Room "${roomName}" has no participants: a recording needs someone in the room`);
      }
      // A recording that is saving (ending) does not block the next one.
      if ((await this.activeRecordings(roomName)).some(({ info }) => isStoppable(info.status))) throw new RecordingAlreadyActiveError();

      const info = await this.egress.startRoomCompositeFile(roomName, recordingFilepathTemplate(this.config.recordingsPath), {
        accountName: this.account.accountName,
        accountKey: this.account.accountKey,
        containerName: this.config.storage.containerName,
      });
      const owned = ownedEgress(info, this.config.recordingsPath) ?? { info };
      const started = recordingOfEgress(owned, { roomName, roomId: room.sid });
      this.logger.log(
        {
          event: 'recording.started',
          room: roomName,
          recording: started.name,
          egressId: info.egressId,
          actor: startedBy,
          outcome: 'started',
        },
        'Recording started',
      );
      return started;
    });
    this.notifier.publish(roomName, { type: 'recording_status', recording });
    return recording;
  }

  /**
   * Stops the room's recording, also one still starting (which LiveKit then aborts). Only a recording that is
   * starting or active is stopped: one that is already saving (ending) is not recording any more (409), and
   * StopEgress is never called on it again.
   */
  async stop(roomName: string, stoppedBy?: string): Promise<StoppedRecording> {
    const recording = await this.lock.withRoomLock(roomName, async () => {
      const stoppable = (await this.activeRecordings(roomName)).filter(({ info }) => isStoppable(info.status));
      const stopped: OwnedEgress[] = [];
      for (const owned of stoppable) {
        // Undefined: it ended or began saving between the listing and the stop; someone else stopped it.
        const info = await this.egress.stopEgress(owned.info.egressId);
        if (info) stopped.push(ownedEgress(info, this.config.recordingsPath) ?? { ...owned, info });
      }
      if (stopped.length === 0) throw new RecordingNotActiveError();
      const { name, roomId, status } = recordingOfEgress(stopped[0], { roomName });
      const egressIds = stopped.map(({ info }) => info.egressId);
      this.logger.log(
        {
          event: 'recording.stopped',
          room: roomName,
          recording: name,
          egressId: egressIds.join(','),
          actor: stoppedBy,
          outcome: 'stopped',
        },
        'Recording stopped',
      );
      return { name, roomName, roomId, status } satisfies StoppedRecording;
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

/** Only a recording that is still starting or recording can be stopped (or blocks a new start). */
function isStoppable(status: EgressPhase): boolean {
  return status === 'starting' || status === 'active';
}
