import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { blobLocation, describeUploadError, uploadBlob } from './azure-upload';
import { EgressFaults } from './egress-faults';
import { type FileTarget, redactRequest, selectFileOutput, sourceTypeOf } from './egress-request';
import type { EgressRoom, EgressRooms } from './egress-rooms';
import { resolveFilename } from './filename-template';
import { newId, nowNs } from './ids';
import { mp4Fixture } from './mp4-fixture';
import { type EgressInfo, proto, type RoomCompositeEgressRequest } from './protocol';
import { errors } from './twirp-errors';
import type { EgressStatusName, EmulatedEgress, EmulatorStorageOptions } from './types';
import type { WebhookPayload } from './webhook-sender';

const S = proto.EgressStatus;

export interface EgressLifecycleOptions {
  storage: EmulatorStorageOptions;
  endingAfterMs: number;
  recordingSeconds: number;
  locationWithContainer: boolean;
  notify(payload: WebhookPayload, resource: string): void;
}

interface EgressState {
  info: EgressInfo;
  target: FileTarget;
  room: EgressRoom;
  timers: Set<NodeJS.Timeout>;
  /** Set by reset: late timers and uploads must not touch the new state. */
  disposed: boolean;
}

export type StartFailureMode = 'none' | 'no_workers' | 'not_connected';

/**
 * The egress side: what livekit-server's egress service and the egress worker do to an EgressInfo, with the
 * recorder participant in {@link EgressRooms} and timers instead of a GStreamer pipeline.
 *
 * STARTING → (recorder joins; media flows) ACTIVE → StopEgress → ENDING → (endingAfterMs, MP4 upload)
 * COMPLETE | FAILED → recorder leaves. Stop while STARTING → ABORTED. The room ending works like a stop.
 */
export class EgressLifecycle {
  private readonly egresses = new Map<string, EgressState>();
  private readonly changes = new EventEmitter();
  readonly faults = new EgressFaults();
  startFailure: StartFailureMode = 'none';

  constructor(
    private readonly rooms: EgressRooms,
    private readonly options: EgressLifecycleOptions,
  ) {
    this.changes.setMaxListeners(0);
  }

  reset(): void {
    this.rooms.reset();
    for (const egress of this.egresses.values()) this.dispose(egress);
    this.egresses.clear();
    this.faults.reset();
    this.startFailure = 'none';
  }

  get(egressId: string): EgressInfo | undefined {
    return this.egresses.get(egressId)?.info;
  }

  list(filter: { roomName?: string; active?: boolean } = {}): EgressInfo[] {
    return [...this.egresses.values()]
      .map((e) => e.info)
      .filter((info) => !filter.roomName || info.roomName === filter.roomName)
      .filter((info) => !filter.active || info.status < S.EGRESS_COMPLETE);
  }

  async start(req: RoomCompositeEgressRequest): Promise<EgressInfo> {
    if (this.startFailure === 'not_connected') throw errors.egressNotConnected();
    const room = await this.rooms.find(req.roomName);
    if (!room) throw errors.roomNotFound();
    const target = selectFileOutput(req);
    if (this.startFailure === 'no_workers') throw errors.noResponse();

    const now = nowNs();
    const filename = target.fileType ? this.filenameFor(target, room) : '';
    const file = new proto.FileInfo({ filename });
    const info = new proto.EgressInfo({
      egressId: newId('EG_'),
      roomId: room.sid,
      roomName: room.name,
      sourceType: sourceTypeOf(req),
      status: S.EGRESS_STARTING,
      startedAt: now,
      updatedAt: now,
      request: { case: 'roomComposite', value: redactRequest(req) },
      fileResults: [file],
      result: { case: 'file', value: file },
    });
    const egress: EgressState = { info, target, room, timers: new Set(), disposed: false };
    this.egresses.set(info.egressId, egress);
    this.changed(egress, 'egress_started');

    // The recorder (Chrome on the composite template) joins right away, hidden, and turns on active_recording;
    // a stalled one never gets media, so the pipeline never starts.
    const stalled = this.faults.takeStartStall();
    this.rooms.startRecorder(info.egressId, room, {
      mediaFlowing: () => !egress.disposed && !stalled && this.activate(egress),
      roomClosed: () => !egress.disposed && this.roomClosed(egress),
    });
    return info.clone();
  }

  stop(egressId: string, endReason = 'StopEgress API'): EgressInfo {
    const egress = this.egresses.get(egressId);
    if (!egress) throw errors.egressNotFound();
    const info = egress.info;
    if (info.status === S.EGRESS_STARTING) {
      this.abort(egress, endReason);
    } else if (info.status === S.EGRESS_ACTIVE) {
      this.end(egress, endReason);
    } else {
      throw errors.cannotStop(S[info.status]);
    }
    return info.clone();
  }

  /** Sets the recorder's metadata like livekit-server's UpdateLayout (via UpdateParticipant). */
  async updateLayout(egressId: string, layout: string): Promise<EgressInfo> {
    const egress = this.egresses.get(egressId);
    if (!egress) throw errors.egressNotFound();
    const room = await this.rooms.find(egress.room.name);
    if (!room || room.sid !== egress.room.sid) throw errors.roomNotFound();
    if (!(await this.rooms.setRecorderMetadata(egressId, egress.room, JSON.stringify({ layout })))) throw errors.participantNotFound();
    return egress.info.clone();
  }

  /** The room ended under the egress: the template sees the room end, like a stop with reason "Source closed". */
  private roomClosed(egress: EgressState): void {
    if (egress.info.status === S.EGRESS_STARTING) this.abort(egress, 'Source closed');
    else if (egress.info.status === S.EGRESS_ACTIVE) this.end(egress, 'Source closed');
  }

  waitFor(egressId: string, statuses: EgressStatusName[], timeoutMs: number): Promise<EgressInfo> {
    const matches = (info: EgressInfo) => statuses.includes(S[info.status] as EgressStatusName);
    const current = this.egresses.get(egressId)?.info;
    if (!current) return Promise.reject(new Error(`egress ${egressId} does not exist`));
    if (matches(current)) return Promise.resolve(current.clone());
    return new Promise((resolve, reject) => {
      const onChange = (info: EgressInfo) => {
        if (info.egressId !== egressId || !matches(info)) return;
        cleanup();
        resolve(info.clone());
      };
      const timer = setTimeout(() => {
        cleanup();
        const status = this.egresses.get(egressId)?.info.status;
        const now = status === undefined ? 'forgotten by reset' : S[status];
        reject(new Error(`egress ${egressId} did not reach ${statuses.join('|')} within ${timeoutMs} ms (now: ${now})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.changes.off('change', onChange);
      };
      this.changes.on('change', onChange);
    });
  }

  private filenameFor(target: FileTarget, room: { name: string; sid: string }): string {
    return resolveFilename({
      filepath: target.filepath,
      fileType: target.fileType ?? 'MP4',
      roomName: room.name,
      roomId: room.sid,
      now: new Date(),
    });
  }

  private activate(egress: EgressState): void {
    if (egress.info.status !== S.EGRESS_STARTING) return;
    const now = nowNs();
    const file = egress.info.fileResults[0];
    // DEFAULT_FILETYPE: the name is only known once the pipeline knows its codecs.
    if (file.filename === '') file.filename = this.filenameFor(egress.target, egress.room);
    file.startedAt = now;
    egress.info.status = S.EGRESS_ACTIVE;
    egress.info.updatedAt = now;
    this.changed(egress, 'egress_updated');
  }

  private abort(egress: EgressState, endReason: string): void {
    this.clearTimers(egress);
    const now = nowNs();
    egress.info.status = S.EGRESS_ABORTED;
    egress.info.error = 'Stop called before pipeline could start';
    egress.info.errorCode = 412;
    egress.info.details = `End reason: ${endReason}`;
    egress.info.endedAt = now;
    egress.info.updatedAt = now;
    this.changed(egress, 'egress_ended');
    this.recorderLeaves(egress);
  }

  private end(egress: EgressState, endReason: string): void {
    egress.info.status = S.EGRESS_ENDING;
    egress.info.details = `End reason: ${endReason}`;
    egress.info.updatedAt = nowNs();
    this.changed(egress, 'egress_updated');
    this.schedule(egress, this.options.endingAfterMs, () => void this.finish(egress));
  }

  private async finish(egress: EgressState): Promise<void> {
    const file = egress.info.fileResults[0];
    const endedAt = nowNs();
    file.endedAt = endedAt;
    // Real egress reports the length of the file it wrote; the emulated file always lasts recordingSeconds.
    file.duration = BigInt(Math.round(this.options.recordingSeconds * 1000)) * 1_000_000n;
    let failure: string | undefined;
    try {
      await this.faults.uploadsAllowed();
      if (egress.disposed) return;
      if (this.faults.takeUploadFailure()) throw new Error('injected upload failure (LiveKitEmulator.failUploads)');
      const data = await mp4Fixture(this.options.recordingSeconds);
      const { azure } = egress.target;
      if (azure) {
        await uploadBlob(this.options.storage, { ...azure, blobName: file.filename, data, contentType: 'video/mp4' });
        file.location = blobLocation(
          this.options.storage.blobEndpoint,
          azure.containerName,
          file.filename,
          this.options.locationWithContainer,
        );
      } else {
        // No upload configured: Egress leaves the file in its own file system (here, this machine's) at its path.
        await mkdir(dirname(file.filename), { recursive: true });
        await writeFile(file.filename, data);
        file.location = file.filename;
      }
      file.size = BigInt(data.length);
    } catch (e) {
      failure = describeUploadError(e);
    }
    if (egress.disposed) return;

    const now = nowNs();
    if (failure === undefined) {
      egress.info.status = S.EGRESS_COMPLETE;
    } else {
      egress.info.status = S.EGRESS_FAILED;
      egress.info.error = `Azure upload failed: ${failure}`;
      egress.info.errorCode = 400;
    }
    egress.info.endedAt = now;
    egress.info.updatedAt = now;
    this.changed(egress, 'egress_ended');
    this.recorderLeaves(egress);
  }

  private recorderLeaves(egress: EgressState): void {
    this.rooms.stopRecorder(egress.info.egressId);
  }

  private changed(egress: EgressState, event: 'egress_started' | 'egress_updated' | 'egress_ended'): void {
    const info = egress.info.clone();
    this.options.notify({ event, room: new proto.Room({ sid: info.roomId, name: info.roomName }), egressInfo: info }, info.egressId);
    this.changes.emit('change', info);
  }

  private schedule(egress: EgressState, ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      egress.timers.delete(timer);
      if (!egress.disposed) run();
    }, ms);
    egress.timers.add(timer);
  }

  private clearTimers(egress: EgressState): void {
    for (const timer of egress.timers) clearTimeout(timer);
    egress.timers.clear();
  }

  private dispose(egress: EgressState): void {
    egress.disposed = true;
    this.clearTimers(egress);
  }
}

export function toEmulatedEgress(info: EgressInfo): EmulatedEgress {
  const file = info.fileResults[0];
  const request = info.request.case === 'roomComposite' ? info.request.value : undefined;
  const output = request?.fileOutputs[0] ?? (request?.output.case === 'file' ? request.output.value : undefined);
  return {
    egressId: info.egressId,
    roomName: info.roomName,
    roomId: info.roomId,
    status: S[info.status] as EgressStatusName,
    filename: file?.filename ?? '',
    containerName: output?.output.case === 'azure' ? output.output.value.containerName : '',
    startedAtNs: info.startedAt,
    endedAtNs: info.endedAt,
    error: info.error,
    errorCode: info.errorCode,
    details: info.details,
    size: Number(file?.size ?? 0n),
    location: file?.location ?? '',
    durationNs: file?.duration ?? 0n,
    layout: request?.layout ?? '',
    audioOnly: request?.audioOnly ?? false,
    customBaseUrl: request?.customBaseUrl ?? '',
  };
}
