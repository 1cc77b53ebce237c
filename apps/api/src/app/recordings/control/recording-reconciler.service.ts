import { RecordingStatus } from '@recording/contracts';

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { EgressSnapshot } from '../../livekit/egress-snapshot';
import { RoomService } from '../../livekit/room.service';
import { RecordingPort } from '../../recorder/recording-port';
import { PeriodicWork } from '../../scheduling/periodic-work';
import { egressProgressOf, OwnedEgress, ownedEgress } from './egress-recording';
import { RecordingLifecycle } from './recording-lifecycle.service';
import { isEnded, recordsToForget } from './recording-record';
import { RecordingRecords, RecordSummary } from './recording-records.service';
import { RoomLockService } from './room-lock.service';
import { RoomRecordingMetadata } from './room-recording-metadata.service';

/** How long a join-time read waits for another replica holding the room's lock. */
const JOIN_TIME_LOCK_WAIT_MS = 3_000;

/** A recording LiveKit still runs, with its status once the record is up to date. */
export interface RunningRecording {
  egress: OwnedEgress;
  status: RecordingStatus;
}

/** What one look at a room found: the recordings still running, and the room's records as listed. */
export interface RoomInspection {
  running: RunningRecording[];
  listed: RecordSummary[];
}

/**
 * Compares what the API stored with what LiveKit says (`ListEgress`), so lost, duplicated, late or reordered
 * webhooks never leave a room showing the wrong state: on start and stop, on join-time reads, and in a sweep every
 * few seconds on every replica while recordings are in progress (and once at start-up, so a restarted replica picks
 * up where the last one stopped). A recording still starting after RECORDING_START_TIMEOUT is stopped and reported
 * failed with the reason. Everything runs under the room's lock and through {@link RecordingLifecycle}, so of
 * several replicas exactly one acts.
 */
@Injectable()
export class RecordingReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecordingReconciler.name);
  private readonly intervalMs: number;
  /** Reconciliations of a room this process already runs (not a decision: the lock and the records decide). */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Something may be in progress: the next tick sweeps (cleared by a sweep that finds nothing in progress). */
  private awake = true;

  constructor(
    private readonly recorders: RecordingPort,
    private readonly rooms: RoomService,
    private readonly lock: RoomLockService,
    private readonly lifecycle: RecordingLifecycle,
    private readonly records: RecordingRecords,
    private readonly metadata: RoomRecordingMetadata,
    private readonly jobs: PeriodicWork,
    private readonly config: AppConfig,
  ) {
    // Often enough to catch a stalled start soon after its timeout, never more than every 10 s.
    this.intervalMs = Math.min(10_000, Math.max(1_000, Math.round(config.recordingStartTimeoutMs / 4)));
  }

  /** Sweeps at start-up (a restarted replica picks up where the last one stopped), then while anything is in progress. */
  onApplicationBootstrap(): void {
    this.jobs.every('recording-reconciler', this.intervalMs, () => (this.awake ? this.sweep() : Promise.resolve()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.inFlight.values());
  }

  /** A recording is in progress: keep sweeping. */
  wake(): void {
    this.awake = true;
  }

  /**
   * Brings one room in line with LiveKit, for reads at join time (`POST /token`, `GET /recordings?roomName=`); never
   * fails the read (LiveKit's own 5 s timeout bounds it). Joins a reconciliation of the room already under way here.
   */
  reconcile(roomName: string): Promise<void> {
    const running = this.inFlight.get(roomName) ?? this.reconcileRoom(roomName, JOIN_TIME_LOCK_WAIT_MS);
    if (!this.inFlight.has(roomName)) {
      this.inFlight.set(roomName, running);
      void running.finally(() => this.inFlight.delete(roomName));
    }
    return running;
  }

  /**
   * Brings the room's records up to date with LiveKit, gives up on starts past the timeout and on recordings LiveKit
   * forgot, and repairs the room metadata; the recordings LiveKit still runs. The caller holds the room's lock.
   */
  async reconcileLocked(roomName: string): Promise<RunningRecording[]> {
    const { running, listed } = await this.inspectLocked(roomName);
    await this.repairMetadata(roomName, listed);
    return running;
  }

  /**
   * {@link reconcileLocked} for a change that tells the room itself afterwards (a start, a stop): the room's metadata
   * is left to that change, or to {@link repairMetadata} when it does not happen. The caller holds the room's lock.
   */
  async inspectLocked(roomName: string): Promise<RoomInspection> {
    // What LiveKit still runs, and for records it does not list there, how their egress ended (only when a webhook
    // was missed): the ended egresses of the room otherwise change nothing, and LiveKit keeps them for a day.
    const [active, listed] = await Promise.all([this.recorders.listActive(roomName), this.records.summariesOf(roomName)]);
    const activeIds = new Set(active.map((info) => info.egressId));
    const unlisted = listed.filter((summary) => !isEnded(summary.status) && !activeIds.has(summary.egressId));
    const ended = await Promise.all(unlisted.map((summary) => this.recorders.find(summary.egressId)));
    const reported = [
      ...active,
      ...ended.filter((info) => info !== undefined).map((info) => ({ ...info, roomName: info.roomName || roomName })),
    ];
    const known = new Map(listed.map((summary) => [summary.egressId, summary]));
    const running: RunningRecording[] = [];
    for (const egress of reported.map((info) => ownedEgress(info, this.config.recordingsPath))) {
      if (!egress) continue;
      const summary = known.get(egress.info.egressId);
      // An end the API never tracked is history (from before it kept records): nothing to tell anyone.
      if (!summary && isEnded(egress.info.status)) continue;
      let status = summary?.status ?? egress.info.status;
      if (!summary || egressProgressOf(egress.info.status) > egressProgressOf(summary.status)) {
        status = (await this.lifecycle.apply(egress, {}, { listed })).status;
      }
      if (
        status === 'starting' &&
        egress.info.status === 'starting' &&
        this.pastStartTimeout(summary?.startedAt ?? egress.info.startedAt)
      ) {
        status = await this.giveUp(egress, listed);
      }
      if (!isEnded(egress.info.status)) running.push({ egress, status });
    }
    const reportedIds = new Set(reported.map((info) => info.egressId));
    for (const summary of listed) {
      if (!isEnded(summary.status) && !reportedIds.has(summary.egressId)) await this.checkUnlisted(summary, listed);
    }
    if (running.length > 0) this.wake();
    return { running, listed };
  }

  /** The room's metadata in line with its records, when it has any (a change inspected it but told nobody). */
  async repairMetadata(roomName: string, listed: RecordSummary[]): Promise<void> {
    if (listed.length > 0) await this.metadata.sync(roomName, undefined, listed);
  }

  private async reconcileRoom(roomName: string, waitMs: number): Promise<void> {
    try {
      // Most rooms have nothing recorded: one listing, no lock.
      if ((await this.records.summariesOf(roomName)).length === 0) return;
      await this.lock.withRoomLock(roomName, () => this.reconcileLocked(roomName), { waitMs });
    } catch (error) {
      this.logger.warn({ room: roomName, cause: (error as Error).message }, 'Could not reconcile the room with LiveKit; the sweep retries');
    }
  }

  /** Every room with a recording in progress, then the records nobody needs any more; again while any is in progress. */
  private async sweep(): Promise<void> {
    try {
      const summaries = await this.records.summariesOfAllRooms();
      const rooms = new Set(summaries.filter((summary) => !isEnded(summary.status)).map((summary) => summary.roomName));
      this.awake = rooms.size > 0;
      // Another replica reconciling a room right now does it for this one too: no waiting.
      for (const roomName of rooms) if (!this.jobs.stopping) await this.reconcileRoom(roomName, 0);
      await this.forgetEnded(summaries);
    } catch (error) {
      this.awake = true;
      this.logger.warn({ cause: (error as Error).message }, 'Could not sweep the recordings in progress; trying again');
    }
  }

  private async forgetEnded(summaries: RecordSummary[]): Promise<void> {
    for (const summary of recordsToForget(summaries, Date.now())) await this.records.delete(summary);
  }

  private pastStartTimeout(startedAt: number | undefined): boolean {
    return startedAt !== undefined && Date.now() - startedAt > this.config.recordingStartTimeoutMs;
  }

  /** Stops a start that never became a recording and reports it failed, saying why; the status it ends with. */
  private async giveUp(egress: OwnedEgress, listed: RecordSummary[]): Promise<RecordingStatus> {
    const failure = await this.stalledReason(egress.info.roomName);
    const stopped = await this.recorders.stop(egress.info.egressId);
    // Undefined: it moved on between the listing and the stop; LiveKit's word says where to.
    const now = stopped ?? (await this.recorders.find(egress.info.egressId));
    if (!now) return 'starting';
    const owned = ownedEgress(now, this.config.recordingsPath) ?? { ...egress, info: now };
    const record = await this.lifecycle.apply(owned, now.status === 'aborted' ? { failure } : {}, { listed });
    this.logger.warn({ event: 'recording.start_timeout', room: owned.info.roomName, egressId: now.egressId }, failure);
    return record.status;
  }

  /** Why a recording did not start, in words a user can act on. */
  private async stalledReason(roomName: string): Promise<string> {
    const waited = `The recording did not start within ${Math.round(this.config.recordingStartTimeoutMs / 1000)} s`;
    const people = await this.rooms.listPeople(roomName).catch(() => undefined);
    if (people?.length === 0) return `${waited}: nobody is in the room any more. Join the room and start again.`;
    if (people && !people.some((person) => person.publishing)) {
      return `${waited}: nobody in the room publishes a camera or microphone. Turn one on and start again.`;
    }
    return (
      `${waited}: LiveKit Egress did not begin recording. Check that an Egress worker is running and can reach ` +
      `LiveKit's media ports (README, "A recording stays starting"), then start again.`
    );
  }

  /** A record in progress whose egress LiveKit does not list: ask LiveKit once more, then report what it says. */
  private async checkUnlisted(summary: RecordSummary, listed: RecordSummary[]): Promise<void> {
    if (!this.pastStartTimeout(summary.lastModified.getTime())) return;
    const found = await this.recorders.find(summary.egressId);
    if (found) {
      const owned = ownedEgress(found, this.config.recordingsPath);
      if (owned) await this.lifecycle.apply(owned, {}, { listed });
      return;
    }
    const stored = await this.records.read(summary.roomName, summary.egressId);
    if (!stored) return;
    const { record } = stored;
    const lost: EgressSnapshot = { egressId: record.egressId, roomName: record.roomName, roomId: record.roomId, status: 'failed' };
    await this.lifecycle.apply({ info: lost, name: record.name }, { failure: this.recorders.lostReason(record.egressId) }, { listed });
  }
}
