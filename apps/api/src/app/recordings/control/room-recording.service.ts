import { recordingFilepathTemplate, StartedRecording, StoppedRecording } from '@recording/contracts';

import { Inject, Injectable, Logger } from '@nestjs/common';

import { AppConfig, StorageAccount } from '../../config/app-config';
import { RecordingAlreadyActiveError, RecordingNotActiveError, RoomNotRecordableError } from '../../errors/domain-errors';
import { EgressService } from '../../livekit/egress.service';
import { LiveKitRoom, RoomParticipant, RoomService } from '../../livekit/room.service';
import { STORAGE_ACCOUNT } from '../../storage/blob-storage.service';
import { OwnedEgress, ownedEgress } from './egress-recording';
import { LockedRoom } from './locked-room';
import { RecordingLifecycle } from './recording-lifecycle.service';
import { RecordingReconciler, RunningRecording } from './recording-reconciler.service';
import { isStoppable, RecordingRecord } from './recording-record';
import { RoomLockService } from './room-lock.service';

/** Starting and stopping a room's recording (a LiveKit room-composite egress writing an MP4 to Azure). */
@Injectable()
export class RecordingsService {
  private readonly logger = new Logger(RecordingsService.name);

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
      // Asked at once (one round trip instead of three); the answers are judged in this order.
      const room = this.rooms.findRoom(roomName);
      const [found, people, current] = await Promise.allSettled([
        room,
        this.rooms.listPeople(roomName),
        this.reconciler.inspectLocked(roomName, room),
      ]);
      try {
        return await this.startLocked(roomName, startedBy, valueOf(found), valueOf(people), valueOf(current));
      } catch (error) {
        // Nobody was told anything: the room's metadata is brought in line with its records as a reconciliation does.
        if (current.status === 'fulfilled') await this.reconciler.repairMetadata(current.value.room);
        throw error;
      }
    });
  }

  private async startLocked(
    roomName: string,
    startedBy: string | undefined,
    room: LiveKitRoom | undefined,
    people: RoomParticipant[],
    current: { running: RunningRecording[]; room: LockedRoom },
  ): Promise<StartedRecording> {
    if (!room) {
      throw new RoomNotRecordableError(`Room "${roomName}" does not exist: join it before starting a recording`);
    }
    if (people.length === 0) {
      throw new RoomNotRecordableError(`Room "${roomName}" has no participants: a recording needs someone in the room`);
    }
    // A recording that is saving (ending) does not block the next one.
    if (current.running.some(({ status }) => isStoppable(status))) throw new RecordingAlreadyActiveError();

    const info = await this.egress.startRoomCompositeFile(roomName, recordingFilepathTemplate(this.config.recordingsPath), {
      accountName: this.account.accountName,
      accountKey: this.account.accountKey,
      containerName: this.config.storage.containerName,
    });
    const started = { ...info, roomName: info.roomName || roomName, roomId: info.roomId || room.sid };
    const record = await this.lifecycle.apply(
      ownedEgress(started, this.config.recordingsPath) ?? { info: started },
      { startedBy },
      { isNew: true, room: current.room },
    );
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
  }

  /**
   * Stops the room's recording, also one still starting (which LiveKit then aborts). Only a recording that is
   * starting or active is stopped: one that is already saving (ending) is not recording any more (409), and
   * StopEgress is never called on it again.
   */
  async stop(roomName: string, stoppedBy?: string): Promise<StoppedRecording> {
    return this.lock.withRoomLock(roomName, async () => {
      const { running, room } = await this.reconciler.inspectLocked(roomName, this.rooms.findRoom(roomName));
      const stopped: RecordingRecord[] = [];
      try {
        for (const { egress, status } of running) {
          if (!isStoppable(status)) continue;
          // Undefined: it ended or began saving between the listing and the stop; someone else stopped it.
          const info = await this.egress.stopEgress(egress.info.egressId);
          if (!info) continue;
          const owned = ownedEgress(info, this.config.recordingsPath) ?? { ...egress, info };
          stopped.push(await this.lifecycle.apply(owned, { stoppedBy }, { room }));
        }
        if (stopped.length === 0) throw new RecordingNotActiveError();
      } catch (error) {
        // The room may not have been told anything: its metadata is brought in line as a reconciliation does.
        await this.reconciler.repairMetadata(room);
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

  /** Our recordings of the room that egress is still starting, recording or saving. */
  async activeRecordings(roomName: string): Promise<OwnedEgress[]> {
    const egresses = await this.egress.listActiveEgresses(roomName);
    return egresses
      .map((info) => ownedEgress(info, this.config.recordingsPath))
      .filter((owned): owned is OwnedEgress => owned !== undefined);
  }
}

/** A settled answer's value, or its failure thrown. */
function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}
