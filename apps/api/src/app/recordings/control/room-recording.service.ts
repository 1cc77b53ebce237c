import { RecordingLayout, StartedRecording, StoppedRecording } from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import {
  RecordingAlreadyActiveError,
  RecordingNotActiveError,
  RoomNotRecordableError,
  SoundOnlyRecordingError,
} from '../../errors/domain-errors';
import { RoomService } from '../../livekit/room.service';
import { RecordingPort } from '../../recorder/recording-port';
import { ownedEgress } from './egress-recording';
import { RecordingLifecycle } from './recording-lifecycle.service';
import { RecordingReconciler } from './recording-reconciler.service';
import { isStoppable, RecordingRecord } from './recording-record';
import { RecordingRecords } from './recording-records.service';
import { RoomLockService } from './room-lock.service';

/** How a recording arranges the room, and whether it records sound only. */
export interface RecordingOptions {
  layout: RecordingLayout;
  audioOnly: boolean;
}

/**
 * Starting and stopping a room's recording, one change at a time per room (the room's lock): each change first looks
 * at the room once (LiveKit's recordings and the stored records, {@link RecordingReconciler.inspectLocked}), decides,
 * and applies what it did through the lifecycle, which tells the room.
 */
@Injectable()
export class RoomRecordingService {
  private readonly logger = new Logger(RoomRecordingService.name);

  constructor(
    private readonly recorders: RecordingPort,
    private readonly rooms: RoomService,
    private readonly lock: RoomLockService,
    private readonly lifecycle: RecordingLifecycle,
    private readonly reconciler: RecordingReconciler,
    private readonly records: RecordingRecords,
    private readonly config: AppConfig,
  ) {}

  /** `startedBy`: who asked (the credential's participant name, or `operator`); undefined in open mode. */
  async start(roomName: string, options: RecordingOptions, startedBy?: string): Promise<StartedRecording> {
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

        const info = await this.recorders.start({ roomName, roomId: room.sid, ...options });
        const started = { ...info, roomName: info.roomName || roomName, roomId: info.roomId || room.sid };
        const owned = ownedEgress(started, this.config.recordingsPath) ?? { info: started };
        const record = await this.lifecycle.apply(owned, { startedBy, ...options }, { isNew: true, listed });
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
        return { name, roomName, roomId, startedAt, status, ...options };
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
          const info = await this.recorders.stop(egress.info.egressId);
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

  /**
   * Switches the room's recording (starting or recording) to another layout: the recorder re-arranges its template at
   * once, the record keeps the layout, and the room's participants hear of it. 409 when nothing records, or when the
   * recording has no picture to arrange (sound only).
   */
  async changeLayout(roomName: string, layout: RecordingLayout): Promise<StartedRecording> {
    return this.lock.withRoomLock(roomName, async () => {
      const { running, listed } = await this.reconciler.inspectLocked(roomName);
      const current = running.find(({ status }) => isStoppable(status));
      if (!current) {
        await this.reconciler.repairMetadata(roomName, listed);
        throw new RecordingNotActiveError();
      }
      const { egress } = current;
      if ((await this.records.read(roomName, egress.info.egressId))?.record.audioOnly) throw new SoundOnlyRecordingError();
      await this.recorders.changeLayout(egress.info.egressId, layout);
      const record = await this.lifecycle.apply(egress, { layout }, { listed });
      await this.lifecycle.tell(record);
      this.logger.log({ event: 'recording.layout_changed', room: roomName, recording: record.name, layout }, 'Recording layout changed');
      const { name, roomId, startedAt, status } = record;
      return { name, roomName, roomId, startedAt, status, layout, audioOnly: false };
    });
  }
}
