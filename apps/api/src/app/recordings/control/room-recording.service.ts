import { recordingFilepathTemplate, StartedRecording, StoppedRecording } from '@recording/contracts';

import { Inject, Injectable, Logger } from '@nestjs/common';

import { AppConfig, StorageAccount } from '../../config/app-config';
import { RecordingAlreadyActiveError, RecordingNotActiveError, RoomNotRecordableError } from '../../errors/domain-errors';
import { EgressService } from '../../livekit/egress.service';
import { RoomService } from '../../livekit/room.service';
import { STORAGE_ACCOUNT } from '../../storage/blob-storage.service';
import { ownedEgress } from './egress-recording';
import { RecordingLifecycle } from './recording-lifecycle.service';
import { RecordingReconciler } from './recording-reconciler.service';
import { isStoppable, RecordingRecord } from './recording-record';
import { RoomLockService } from './room-lock.service';

/**
 * Starting and stopping a room's recording, one change at a time per room (the room's lock): each change first looks
 * at the room once (LiveKit's recordings and the stored records, {@link RecordingReconciler.inspectLocked}), decides,
 * and applies what it did through the lifecycle, which tells the room.
 */
@Injectable()
export class RoomRecordingService {
  private readonly logger = new Logger(RoomRecordingService.name);

  constructor(
    private readonly egress: EgressService,
    private readonly rooms: RoomService,
    private readonly lock: RoomLockService,
    private readonly lifecycle: RecordingLifecycle,
    private readonly reconciler: RecordingReconciler,
    private readonly config: AppConfig,
    @Inject(STORAGE_ACCOUNT) private readonly account: StorageAccount,
  ) {}

  /** `startedBy`: who asked (the credential's participant name, or `operator`); undefined in open mode. */
  async start(roomName: string, startedBy?: string): Promise<StartedRecording> {
    return this.lock.withRoomLock(roomName, async () => {
      const { running, listed } = await this.reconciler.inspectLocked(roomName);
      try {
        const room = await this.rooms.findRoom(roomName);
        if (!room) throw new RoomNotRecordableError(`Room "${roomName}" does not exist: join it before starting a recording`);
        if ((await this.rooms.listPeople(roomName)).length === 0) {
          throw new RoomNotRecordableError(`Room "${roomName}" has no participants: a recording needs someone in the room`);
        }
        // A recording that is saving (ending) does not block the next one.
        if (running.some(({ status }) => isStoppable(status))) throw new RecordingAlreadyActiveError();

        const info = await this.egress.startRoomCompositeFile(roomName, recordingFilepathTemplate(this.config.recordingsPath), {
          accountName: this.account.accountName,
          accountKey: this.account.accountKey,
          containerName: this.config.storage.containerName,
        });
        const started = { ...info, roomName: info.roomName || roomName, roomId: info.roomId || room.sid };
        const owned = ownedEgress(started, this.config.recordingsPath) ?? { info: started };
        const record = await this.lifecycle.apply(owned, { startedBy }, { isNew: true, listed });
        this.logger.log(
          {
            event: 'recording.started',
            room: roomName,
            recording: record.name,
            egressId: info.egressId,
            actor: startedBy,
            outcome: 'started',
          },
          'Recording started',
        );
        this.reconciler.wake();
        const { name, roomId, startedAt, status } = record;
        return { name, roomName, roomId, startedAt, status };
      } catch (error) {
        // Nobody was told anything: the room's metadata is brought in line with its records as a reconciliation does.
        await this.reconciler.repairMetadata(roomName, listed);
        throw error;
      }
    });
  }

  /**
   * Stops the room's recording, also one still starting (which LiveKit then aborts). Only a recording that is
   * starting or active is stopped: one that is already saving (ending) is not recording any more (409), and
   * StopEgress is never called on it again.
   */
  async stop(roomName: string, stoppedBy?: string): Promise<StoppedRecording> {
    return this.lock.withRoomLock(roomName, async () => {
      const { running, listed } = await this.reconciler.inspectLocked(roomName);
      const stopped: RecordingRecord[] = [];
      try {
        for (const { egress, status } of running) {
          if (!isStoppable(status)) continue;
          // Undefined: it ended or began saving between the listing and the stop; someone else stopped it.
          const info = await this.egress.stopEgress(egress.info.egressId);
          if (!info) continue;
          const owned = ownedEgress(info, this.config.recordingsPath) ?? { ...egress, info };
          stopped.push(await this.lifecycle.apply(owned, { stoppedBy }, { listed }));
        }
        if (stopped.length === 0) throw new RecordingNotActiveError();
      } catch (error) {
        // The room may not have been told anything: its metadata is brought in line as a reconciliation does.
        await this.reconciler.repairMetadata(roomName, listed);
        throw error;
      }
      const [{ name, roomId, status }] = stopped;
      const egressIds = stopped.map((record) => record.egressId).join(',');
      this.logger.log(
        { event: 'recording.stopped', room: roomName, recording: name, egressId: egressIds, actor: stoppedBy, outcome: 'stopped' },
        'Recording stopped',
      );
      return { name, roomName, roomId, status } satisfies StoppedRecording;
    });
  }
}
