import { existsSync, mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { finalizeRecording, mp4DurationMs, RecordedFile } from './mp4-finalize';
import { isAlive, processesMentioning, signalAll } from './process-tree';
import { RecorderSession, SessionSettings } from './recorder-session';
import {
  EmbeddedRecorderOptions,
  RecorderAtCapacityError,
  RecorderLogger,
  RecorderMeta,
  RecorderOutcome,
  StartRecordingRequest,
} from './recorder-types';
import { DEFAULT_RECORDER_VIDEO, RecorderVideo } from './recorder-video';
import { SessionFiles, sessionIdsIn } from './session-files';

/** A recording a previous process left in the work dir, finished now; upload or report it, then `discard(id)`. */
export type LeftoverRecording = RecorderOutcome & { meta: RecorderMeta };

const SILENT: RecorderLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const INTERRUPTED = 'the recorder stopped while recording (its process ended); what was captured was kept';

/** One per two cores, at least one: the default of RECORDER_MAX_CONCURRENT. */
export function defaultMaxConcurrent(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/** About 0.1 bit per pixel and frame, within 0.3–8 Mbit/s: 2.8 Mbit/s at 1280×720@30. */
export function defaultVideoBitsPerSecond(video: RecorderVideo): number {
  return Math.min(8_000_000, Math.max(300_000, Math.round(video.width * video.height * video.fps * 0.1)));
}

/**
 * Records web pages (the recording template) into MP4 files in real time, the way LiveKit Egress records a
 * RoomComposite: each recording gets its own headless Chromium, whose tab is captured and encoded (H.264 by
 * Chromium, AAC by ffmpeg). The work dir belongs to this one instance: finished files wait there until the caller
 * discards them, and what a killed process left there is finished by `recoverLeftovers()`.
 */
export class EmbeddedRecorder {
  readonly workDir: string;
  readonly maxConcurrent: number;
  private readonly settings: SessionSettings;
  private readonly live = new Map<string, RecorderSession>();

  constructor(options: EmbeddedRecorderOptions) {
    const video = options.video ?? DEFAULT_RECORDER_VIDEO;
    this.workDir = resolve(options.workDir);
    mkdirSync(this.workDir, { recursive: true });
    this.maxConcurrent = options.maxConcurrent ?? defaultMaxConcurrent();
    if (!Number.isInteger(this.maxConcurrent) || this.maxConcurrent < 1)
      throw new RangeError(`maxConcurrent must be a whole number ≥ 1, got ${this.maxConcurrent}`);
    this.settings = {
      chromiumPath: options.chromiumPath ?? '/usr/bin/chromium',
      ffmpegPath: options.ffmpegPath ?? 'ffmpeg',
      video,
      startTimeoutMs: options.startTimeoutMs ?? 30_000,
      stallTimeoutMs: options.stallTimeoutMs ?? 10_000,
      videoBitsPerSecond: options.videoBitsPerSecond ?? defaultVideoBitsPerSecond(video),
      logger: options.logger ?? SILENT,
    };
  }

  /**
   * Starts recording `pageUrl`; the session reports `active`, then `ended` or `failed`. Throws
   * RecorderAtCapacityError past `maxConcurrent`, RangeError for an invalid id or URL, and Error when the id is
   * already in use (live, or a folder not yet discarded).
   */
  start(request: StartRecordingRequest): RecorderSession {
    const files = new SessionFiles(this.workDir, request.id);
    let url: URL;
    try {
      url = new URL(request.pageUrl);
    } catch {
      throw new RangeError('pageUrl is not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError(`pageUrl must be http(s), not ${url.protocol}`);
    if (this.live.size >= this.maxConcurrent) throw new RecorderAtCapacityError(this.maxConcurrent);
    if (this.live.has(request.id) || existsSync(files.dir)) throw new Error(`recording ${request.id} already exists in ${this.workDir}`);
    const session = new RecorderSession(request.id, request.meta ?? {}, request.audioOnly ?? false, request.pageUrl, files, this.settings);
    this.live.set(request.id, session);
    void session.done.finally(() => this.live.delete(request.id));
    return session;
  }

  /** The recordings in progress (starting, active or ending). */
  sessions(): RecorderSession[] {
    return [...this.live.values()];
  }

  get(id: string): RecorderSession | undefined {
    return this.live.get(id);
  }

  /**
   * Finishes what a previous process left in the work dir: its processes still running are killed, a capture
   * is remuxed into a playable MP4 (`moov` first), and each recording is returned — `complete` when it had
   * finished, `failed` when it was cut off (with what was captured). Calling it again before `discard` returns
   * the same recordings without redoing the work. Recordings of this instance still in progress are skipped.
   */
  async recoverLeftovers(): Promise<LeftoverRecording[]> {
    const leftovers: LeftoverRecording[] = [];
    for (const id of await sessionIdsIn(this.workDir)) {
      if (this.live.has(id)) continue;
      const files = new SessionFiles(this.workDir, id);
      const record = await files.read();
      if (!record) {
        // No sidecar: the recording never got as far as capturing.
        await files.removeAll();
        continue;
      }
      await stopProcessesOf(files.dir);
      await files.removeProfile();
      const file = (await existingFile(files.output)) ?? (await finalizeRecording(this.settings.ffmpegPath, files.capture, files.output));
      await files.removeCapture();
      const endedAt = record.endedAt ?? Date.now();
      const leftover: LeftoverRecording =
        record.state === 'complete' && file
          ? { id, state: 'complete', meta: record.meta, file, startedAt: record.startedAt ?? record.createdAt, endedAt }
          : { id, state: 'failed', meta: record.meta, reason: record.reason ?? INTERRUPTED, file, startedAt: record.startedAt, endedAt };
      await files.write({
        ...record,
        state: leftover.state,
        endedAt,
        file,
        reason: leftover.state === 'failed' ? leftover.reason : undefined,
      });
      this.settings.logger.log(
        `Recording ${id}: recovered from the work dir as ${leftover.state}${file ? ` (${file.durationMs} ms)` : ''}`,
      );
      leftovers.push(leftover);
    }
    return leftovers;
  }

  /** Deletes a finished recording's folder (after the caller uploaded or reported it). */
  async discard(id: string): Promise<void> {
    if (this.live.has(id)) throw new Error(`recording ${id} is still in progress; stop it first`);
    await new SessionFiles(this.workDir, id).removeAll();
  }

  /** Stops every recording in progress and waits for their outcomes (their files stay until discarded). */
  async close(): Promise<RecorderOutcome[]> {
    return Promise.all(this.sessions().map((session) => session.stop()));
  }
}

async function existingFile(path: string): Promise<RecordedFile | undefined> {
  const durationMs = await mp4DurationMs(path).catch(() => undefined);
  if (!durationMs) return undefined;
  return { path, sizeBytes: (await stat(path)).size, durationMs };
}

/**
 * A killed recorder's ffmpeg may still be writing and its Chromium may outlive it. SIGTERM first (ffmpeg then
 * closes its file properly), SIGKILL for whatever is still there after 3 s.
 */
async function stopProcessesOf(dir: string): Promise<void> {
  const pids = processesMentioning(`${dir}/`);
  if (pids.length === 0) return;
  signalAll(pids, 'SIGTERM');
  for (let i = 0; i < 150 && pids.some(isAlive); i++) await sleep(20);
  signalAll(pids.filter(isAlive), 'SIGKILL');
  for (let i = 0; i < 100 && pids.some(isAlive); i++) await sleep(20);
}
