import {
  RECORDING_TEMPLATE_PATH,
  recordingFilepathTemplate,
  recordingKeyOf,
  RecordingLayout,
  recordingNameFor,
} from '@recording/contracts';
import {
  checkRecorderTools,
  EmbeddedRecorder,
  LeftoverRecording,
  RecorderAtCapacityError,
  RecorderOutcome,
  RecorderSession,
  RecorderToolsCheck,
} from '@recording/embedded-recorder';

import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

import { AppConfig } from '../config/app-config';
import { UpstreamUnavailableError } from '../errors/domain-errors';
import { AccessTokenService } from '../livekit/access-token.service';
import { EgressSnapshot } from '../livekit/egress-snapshot';
import { RoomService } from '../livekit/room.service';
import { BlobStorageService } from '../storage/blob-storage.service';
import { RecorderNewsListener, RecordingRequest } from './recording-port';

/** Ids of the embedded recorder's recordings (Egress's are `EG_…`): `EM_` and 12 random base62 characters. */
export const EMBEDDED_ID_PREFIX = 'EM_';
/** The recorder's token outlives any recording (Egress gives its own 24 h too). */
const RECORDER_TOKEN_TTL = '24h';
/** Finished recordings remembered for the reconciler (a report that did not get through is found again). */
const FINISHED_KEPT = 200;

/** What the recorder keeps beside a recording on disk, to finish and report it after a restart. */
interface RecordingMeta {
  roomName: string;
  roomId: string;
  name: string;
  layout: RecordingLayout;
  audioOnly: boolean;
  /** When the recording was asked for (epoch ms): Egress's `started_at`, and the `{time}` of the name. */
  requestedAt: number;
}

/**
 * The embedded recorder behind the recording port: records a room on this machine the way LiveKit Egress does. Each
 * recording is a headless Chromium (the `@recording/embedded-recorder` library) rendering the app's own recording
 * template, joined as a hidden participant of kind `egress` with the `recorder` grant, so LiveKit's `isRecording` is
 * real. What it captures is uploaded by blocks under the name Egress would write, and every change (active, ending,
 * complete, failed) is reported to recording control as Egress's webhooks are, in process. At start-up it finishes
 * and reports what a previous process left in its working folder, and removes the recorders that process left in
 * rooms.
 */
@Injectable()
export class EmbeddedRecorderService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EmbeddedRecorder');
  private readonly listeners: RecorderNewsListener[] = [];
  private readonly finished = new Map<string, EgressSnapshot>();
  private recorder?: EmbeddedRecorder;
  private toolsReady?: Promise<RecorderToolsCheck>;
  private closing = false;

  constructor(
    private readonly config: AppConfig,
    private readonly tokens: AccessTokenService,
    private readonly rooms: RoomService,
    private readonly storage: BlobStorageService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.recorder.mode === 'egress') return;
    void this.recoverLeftovers();
  }

  /**
   * Recordings in progress are stopped and their files finished in the working folder; the next start reports and
   * uploads them (this process may no longer reach storage or LiveKit while it shuts down).
   */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.recorder?.close();
  }

  onNews(listener: RecorderNewsListener): void {
    this.listeners.push(listener);
  }

  async start(request: RecordingRequest): Promise<EgressSnapshot> {
    await this.requireTools();
    const id = `${EMBEDDED_ID_PREFIX}${randomBytes(9).toString('base64url').replace(/[-_]/g, '0')}`;
    const requestedAt = Date.now();
    const meta: RecordingMeta = {
      roomName: request.roomName,
      roomId: request.roomId,
      name: recordingNameFor(request.roomName, requestedAt, request.roomId),
      layout: request.layout,
      audioOnly: request.audioOnly,
      requestedAt,
    };
    const token = await this.tokens.signRecorder(id, request.roomName, RECORDER_TOKEN_TTL);
    let session: RecorderSession;
    try {
      session = this.recorderNow().start({
        id,
        pageUrl: this.templateUrl(token, request.layout),
        audioOnly: request.audioOnly,
        meta: { ...meta },
      });
    } catch (error) {
      if (error instanceof RecorderAtCapacityError) throw new UpstreamUnavailableError('recorder', error.message, { cause: error });
      throw error;
    }
    this.follow(session, meta);
    this.logger.log({ event: 'recorder.started', room: meta.roomName, recording: meta.name, egressId: id }, 'Embedded recording started');
    return this.snapshot(id, meta, 'starting');
  }

  /** Ends the recording; it saves on its own from here (`ending`, then complete or failed). */
  stop(id: string): Promise<EgressSnapshot | undefined> {
    const session = this.recorder?.get(id);
    if (!session || session.state === 'ending') return Promise.resolve(undefined);
    void session.stop();
    return Promise.resolve(this.snapshot(id, metaOf(session), 'ending'));
  }

  /** As Egress's UpdateLayout: the recorder participant's metadata, which the template follows. */
  async changeLayout(id: string, layout: RecordingLayout): Promise<void> {
    const session = this.recorder?.get(id);
    if (!session) return;
    await this.rooms.updateParticipantMetadata(metaOf(session).roomName, id, JSON.stringify({ layout }));
  }

  listActive(roomName: string): Promise<EgressSnapshot[]> {
    const sessions = this.recorder?.sessions() ?? [];
    return Promise.resolve(
      sessions.filter((session) => metaOf(session).roomName === roomName).map((session) => this.snapshotOfSession(session)),
    );
  }

  find(id: string): Promise<EgressSnapshot | undefined> {
    const session = this.recorder?.get(id);
    return Promise.resolve(session ? this.snapshotOfSession(session) : this.finished.get(id));
  }

  lostReason(): string {
    return 'The embedded recorder stopped without a word (the API was restarted or killed while it recorded); nothing it captured was left to save.';
  }

  /** Reports each change of the session, then uploads and reports how it ended. */
  private follow(session: RecorderSession, meta: RecordingMeta): void {
    session.on('active', ({ startedAt }) => void this.report(this.snapshot(session.id, meta, 'active', { startedAt })));
    session.on('state', (state) => {
      if (state === 'ending') void this.report(this.snapshot(session.id, meta, 'ending'));
    });
    void session.done.then(async (outcome) => {
      if (this.closing) return;
      await this.leaveRoom(meta.roomName, session.id);
      await this.finish(outcome, meta);
    });
  }

  /**
   * Takes the recorder out of the room once its Chromium is gone: LiveKit keeps a participant that vanished without
   * leaving until it gives up waiting for it (tens of seconds), and says the room is recording all that time.
   */
  private async leaveRoom(roomName: string, id: string): Promise<void> {
    await this.rooms
      .removeParticipant(roomName, id)
      .catch((error: Error) =>
        this.logger.warn({ room: roomName, egressId: id, cause: error.message }, 'Could not take the recorder out of the room'),
      );
  }

  /** Uploads what was recorded under the recording's name, reports the end, and clears the working folder. */
  private async finish(outcome: RecorderOutcome | LeftoverRecording, meta: RecordingMeta): Promise<void> {
    let uploadFailure: string | undefined;
    if (outcome.file) {
      try {
        await this.storage.uploadFile(recordingKeyOf(this.config.recordingsPath, meta.name), outcome.file.path, 'video/mp4');
      } catch (error) {
        uploadFailure = `The recording could not be saved to storage: ${(error as Error).message}`;
      }
    }
    const uploaded = outcome.file !== undefined && uploadFailure === undefined;
    const file = uploaded
      ? { startedAt: outcome.startedAt, endedAt: outcome.endedAt, durationMs: outcome.file!.durationMs, sizeBytes: outcome.file!.sizeBytes }
      : {};
    const failure = uploadFailure ?? (outcome.state === 'failed' ? outcome.reason : undefined);
    const news = this.snapshot(outcome.id, meta, failure ? 'failed' : 'complete', file, failure);
    this.remember(news);
    await this.report(news);
    // A file that could not be uploaded stays in the working folder: the next start tries again.
    if (uploadFailure === undefined) await this.recorder?.discard(outcome.id);
  }

  /** What a previous process left: finished now, uploaded and reported; its recorders are taken out of their rooms. */
  private async recoverLeftovers(): Promise<void> {
    try {
      for (const leftover of await this.recorderNow().recoverLeftovers()) {
        const meta = leftover.meta as unknown as RecordingMeta;
        await this.leaveRoom(meta.roomName, leftover.id);
        await this.finish(leftover, meta);
        this.logger.warn(
          { event: 'recorder.recovered', room: meta.roomName, recording: meta.name, egressId: leftover.id },
          'A recording left by an earlier process was finished',
        );
      }
    } catch (error) {
      this.logger.warn(
        { cause: (error as Error).message },
        'Could not finish what an earlier process left in the recorder folder; the next start tries again',
      );
    }
  }

  private async report(news: EgressSnapshot): Promise<void> {
    for (const listener of this.listeners) {
      await listener(news).catch((error: Error) =>
        // The reconciler finds it again: the session (or its end, remembered) answers `find`.
        this.logger.warn({ egressId: news.egressId, status: news.status, cause: error.message }, 'Could not report a recording change yet'),
      );
    }
  }

  private remember(news: EgressSnapshot): void {
    this.finished.set(news.egressId, news);
    if (this.finished.size > FINISHED_KEPT) this.finished.delete(this.finished.keys().next().value!);
  }

  private async requireTools(): Promise<void> {
    this.toolsReady ??= checkRecorderTools({ chromiumPath: this.config.recorder.chromiumPath, ffmpegPath: this.config.ffmpeg.path });
    const check = await this.toolsReady;
    if (check.ok) return;
    // Asked again next time: installing the tools must not need a restart.
    this.toolsReady = undefined;
    throw new UpstreamUnavailableError('recorder', check.message);
  }

  private recorderNow(): EmbeddedRecorder {
    const { workDir, chromiumPath, video, maxConcurrent } = this.config.recorder;
    this.recorder ??= new EmbeddedRecorder({
      workDir,
      chromiumPath,
      ffmpegPath: this.config.ffmpeg.path,
      video,
      maxConcurrent,
      logger: this.logger,
    });
    return this.recorder;
  }

  /** The template as this machine's Chromium reaches it, joining LiveKit where the API does. */
  private templateUrl(token: string, layout: RecordingLayout): string {
    const url = new URL(`http://127.0.0.1:${this.config.serverPort}/${RECORDING_TEMPLATE_PATH}`);
    url.searchParams.set('url', this.config.livekit.url.replace(/^http/i, 'ws'));
    url.searchParams.set('token', token);
    url.searchParams.set('layout', layout);
    return url.toString();
  }

  private snapshotOfSession(session: RecorderSession): EgressSnapshot {
    const state = session.state === 'complete' || session.state === 'failed' ? 'ending' : session.state;
    return this.snapshot(session.id, metaOf(session), state);
  }

  /** The recording in Egress's words; its file, named from the start, is its blob key in storage. */
  private snapshot(
    id: string,
    meta: RecordingMeta,
    status: EgressSnapshot['status'],
    file: { startedAt?: number; endedAt?: number; durationMs?: number; sizeBytes?: number } = {},
    error?: string,
  ): EgressSnapshot {
    const now = Date.now();
    return {
      egressId: id,
      roomName: meta.roomName,
      roomId: meta.roomId,
      status,
      startedAt: meta.requestedAt,
      updatedAt: now,
      ...(status === 'complete' || status === 'failed' ? { endedAt: file.endedAt ?? now } : {}),
      ...(error === undefined ? {} : { error }),
      file: { filename: recordingKeyOf(this.config.recordingsPath, meta.name), ...file },
      request: { kind: 'room-composite', filepath: recordingFilepathTemplate(this.config.recordingsPath) },
    };
  }
}

function metaOf(session: RecorderSession): RecordingMeta {
  return session.meta as unknown as RecordingMeta;
}
