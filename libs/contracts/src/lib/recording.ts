import { RecordingLayout } from './recording-layout';

/**
 * The recording as it travels on the wire between the API and its clients.
 * `startedAt` is epoch milliseconds, `size` bytes, `duration` seconds.
 */
/** Every state of a recording, in the order a recording goes through them (the last four are ends). */
export const RECORDING_STATUSES = ['starting', 'active', 'ending', 'complete', 'failed', 'aborted', 'limit_reached'] as const;

export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

export const ACTIVE_RECORDING_STATUSES: readonly RecordingStatus[] = ['starting', 'active', 'ending'];

export interface Recording {
  /** Blob basename, e.g. `RoomComposite-Test Room-2026-11-23T101500-RM_abc123.mp4`. */
  name: string;
  roomName: string;
  /** Room SID `RM_…`. */
  roomId: string;
  /** Epoch milliseconds. */
  startedAt: number;
  /** Bytes. */
  size: number;
  /** Seconds, when known. */
  duration?: number;
  status?: RecordingStatus;
  /** The participant name (or `operator`) whose request started it, when known. */
  startedBy?: string;
  /** The participant name (or `operator`) whose request stopped it, when known. */
  stoppedBy?: string;
  /** Where its poster is (`GET /recordings/:name/poster`, relative to the API), a JPEG made on first request. */
  posterUrl?: string;
}

/** The API path of a recording's poster. */
export function posterPathOf(name: string): string {
  return `/recordings/${encodeURIComponent(name)}/poster`;
}

/** The recording as reported by `POST /recordings/start` (and `POST /recordings/layout`). */
export interface StartedRecording {
  name: string;
  roomName: string;
  roomId: string;
  startedAt: number;
  status: RecordingStatus;
  /** The layout it records in (the start answer always says; data messages may not). */
  layout?: RecordingLayout;
  /** Sound only: the file is still an `.mp4`, with AAC audio and no picture. */
  audioOnly?: boolean;
}

/** The recording as reported by `POST /recordings/stop`. */
export interface StoppedRecording {
  name: string;
  roomName: string;
  roomId: string;
  status: RecordingStatus;
}
