import { RecordingLayout, StartedRecording, StoppedRecording } from '@recording/contracts';

import { Injectable, OnModuleInit } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { EgressMissingError } from '../../errors/domain-errors';
import { EgressSnapshot } from '../../livekit/egress-snapshot';
import { RecordingPort } from '../../recorder/recording-port';
import { OwnedEgress, ownedEgress, recordingOfEgress } from './egress-recording';
import { CompletionListener, RecordingCompletions } from './recording-completions';
import { RecordingLifecycle } from './recording-lifecycle.service';
import { RecordingNotifier } from './recording-notifier.service';
import { RecordingReconciler } from './recording-reconciler.service';
import { isEnded } from './recording-record';
import { RoomLockService } from './room-lock.service';
import { RecordingOptions, RoomRecordingService } from './room-recording.service';

/** A recorder's own news waits for a busy room longer than a webhook (nobody delivers it again). */
const RECORDER_NEWS_LOCK_WAIT_MS = 30_000;

/**
 * The one door into recording control (start, stop, the lifecycle, the reconciler, locks, records, room metadata):
 * what the controllers, webhooks, joins and the catalog ask of it. Nothing outside control/ reaches further in.
 */
@Injectable()
export class RecordingControl implements OnModuleInit {
  constructor(
    private readonly rooms: RoomRecordingService,
    private readonly lifecycle: RecordingLifecycle,
    private readonly reconciler: RecordingReconciler,
    private readonly lock: RoomLockService,
    private readonly recorders: RecordingPort,
    private readonly notifier: RecordingNotifier,
    private readonly completions: RecordingCompletions,
    private readonly config: AppConfig,
  ) {}

  /** What recorders report by themselves (the embedded recorder) takes the path of Egress's webhooks. */
  onModuleInit(): void {
    this.recorders.onNews((news) => this.applyEgressNews(news, RECORDER_NEWS_LOCK_WAIT_MS));
  }

  /** `startedBy`: who asked (the credential's participant name, or `operator`); undefined in open mode. */
  start(roomName: string, options: RecordingOptions, startedBy?: string): Promise<StartedRecording> {
    return this.rooms.start(roomName, options, startedBy);
  }

  stop(roomName: string, stoppedBy?: string): Promise<StoppedRecording> {
    return this.rooms.stop(roomName, stoppedBy);
  }

  changeLayout(roomName: string, layout: RecordingLayout): Promise<StartedRecording> {
    return this.rooms.changeLayout(roomName, layout);
  }

  /**
   * LiveKit's word about an egress (a verified webhook): applied through the recording's record under the room's lock,
   * waiting at most `waitMs` for it (RoomBusyError past that). Egresses that are not our recordings are ignored.
   */
  async applyEgressNews(info: EgressSnapshot, waitMs: number): Promise<void> {
    const owned = ownedEgress(await this.recorders.settle(info), this.config.recordingsPath);
    if (!owned) return;
    const record = await this.lock.withRoomLock(owned.info.roomName, () => this.lifecycle.apply(owned), { waitMs });
    // This replica may not have started it (or restarted since): it watches it too from now on.
    if (!isEnded(record.status)) this.reconciler.wake();
  }

  /** Brings the room's recordings in line with LiveKit before someone reads them (a join, a room's list); never fails. */
  reconcileRoom(roomName: string): Promise<void> {
    return this.reconciler.reconcile(roomName);
  }

  /** Whether the recording of that name is still being written (its recorder has not finished it). */
  async isBeingWritten(roomName: string, name: string): Promise<boolean> {
    const writing = await this.writingIn(roomName);
    // A recorder that has not told its file name yet is matched by the name it will write.
    return writing.some((owned) => recordingOfEgress(owned, { roomName }).name === name);
  }

  /** Tells the room a recording of it was deleted (best effort). */
  announceDeleted(roomName: string, name: string): Promise<void> {
    return this.notifier.publish(roomName, { type: 'recording_deleted', name });
  }

  /** Hears of every recording that ended, once (for whoever keeps the stored files); see {@link RecordingCompletions}. */
  onCompleted(listener: CompletionListener): void {
    this.completions.listen(listener);
  }

  /** Our recordings of the room that are still starting, recording or saving. */
  private async writingIn(roomName: string): Promise<OwnedEgress[]> {
    try {
      const egresses = await this.recorders.listActive(roomName);
      return egresses.map((info) => ownedEgress(info, this.config.recordingsPath)).filter((owned) => owned !== undefined);
    } catch (error) {
      // A LiveKit without Egress records nothing: nothing can be writing this file (npm start without Docker).
      if (error instanceof EgressMissingError) return [];
      throw error;
    }
  }
}

export type { CompletionListener, RecordingCompletion } from './recording-completions';
export type { RecordingOptions } from './room-recording.service';
