import { RecordedFile } from './mp4-finalize';
import { RecorderVideo } from './recorder-video';

export type { RecordedFile } from './mp4-finalize';

/** A logger with Nest's `LoggerService` shape (the API passes its own). Page URLs are logged without query. */
export interface RecorderLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The caller's own facts about a recording (room, recording name, who started it…), kept beside it on disk. */
export type RecorderMeta = Record<string, unknown>;

export interface EmbeddedRecorderOptions {
  /** Debian's `/usr/bin/chromium` by default. */
  chromiumPath?: string;
  /** Debian's `ffmpeg` from PATH by default. */
  ffmpegPath?: string;
  /** This recorder's own folder (one per process): live captures, finished files until discarded, leftovers. */
  workDir: string;
  video?: RecorderVideo;
  /** Recordings at once; a start past it throws RecorderAtCapacityError. Default: one per two cores, at least 1. */
  maxConcurrent?: number;
  /** How long the page may take to log `START_RECORDING`. Default 30 s. */
  startTimeoutMs?: number;
  /** A recording that gets no media from the page for this long fails. Default 10 s. */
  stallTimeoutMs?: number;
  /** H.264 bit rate; default about 0.1 bit per pixel and frame (2.8 Mbit/s at 1280×720@30). */
  videoBitsPerSecond?: number;
  logger?: RecorderLogger;
}

export interface StartRecordingRequest {
  /** Names the session and its folder: 1–128 letters, digits, `_` or `-` (an egress-like id such as `EG_…`). */
  id: string;
  /** The page to record: the template URL with `url`, `token` and `layout` (never logged with its query). */
  pageUrl: string;
  audioOnly?: boolean;
  meta?: RecorderMeta;
}

export type RecorderState = 'starting' | 'active' | 'ending' | 'complete' | 'failed';

export interface RecorderActive {
  id: string;
  /** Epoch ms of the first captured frame / sample: time zero of the file. */
  startedAt: number;
}

export interface RecorderComplete {
  id: string;
  state: 'complete';
  meta: RecorderMeta;
  /** The finished MP4, `moov` first, ready to upload. */
  file: RecordedFile;
  startedAt: number;
  endedAt: number;
}

export interface RecorderFailed {
  id: string;
  state: 'failed';
  meta: RecorderMeta;
  reason: string;
  /** What was captured before the failure, finalized (`moov` first), when anything playable was. */
  file?: RecordedFile;
  startedAt?: number;
  endedAt: number;
}

export type RecorderOutcome = RecorderComplete | RecorderFailed;

/** A start past `maxConcurrent`: the API answers 503 with this message. */
export class RecorderAtCapacityError extends Error {
  constructor(readonly maxConcurrent: number) {
    super(
      `The embedded recorder is already making ${maxConcurrent} recording(s), its limit on this machine (RECORDER_MAX_CONCURRENT); try again when one ends`,
    );
    this.name = 'RecorderAtCapacityError';
  }
}
