import { Recording, StartedRecording, StoppedRecording } from './recording';
import { RecordingLayout } from './recording-layout';

/** Every 4xx/5xx answer of the API. */
export interface ErrorResponse {
  errorMessage: string;
}

export interface TokenRequest {
  roomName: string;
  participantName: string;
}

export interface TokenResponse {
  token: string;
}

export interface RoomRequest {
  roomName: string;
}

/** `POST /recordings/start`: `layout` defaults to `grid`, `audioOnly` to false. */
export interface StartRecordingRequest {
  roomName: string;
  layout?: RecordingLayout;
  audioOnly?: boolean;
}

export interface StartRecordingResponse {
  message: 'Recording started';
  recording: StartedRecording;
}

/** `POST /recordings/layout`: switches the room's running recording to another layout (Egress `UpdateLayout`). */
export interface ChangeLayoutRequest {
  roomName: string;
  layout: RecordingLayout;
}

export interface ChangeLayoutResponse {
  message: 'Layout changed';
  recording: StartedRecording & { layout: RecordingLayout };
}

export interface StopRecordingResponse {
  message: 'Recording stopped';
  recording: StoppedRecording;
}

export interface ListRecordingsQuery {
  roomId?: string;
  roomName?: string;
  maxItems?: number;
  pageToken?: string;
}

export interface ListRecordingsResponse {
  recordings: Recording[];
  nextPageToken?: string;
}

export interface DeleteRecordingResponse {
  message: 'Recording deleted';
}

/** `GET /recordings/:recordingName/url`: where the recording can be read straight from storage, until when. */
export interface PlaybackUrlResponse {
  /** The blob's URL with a read-only SAS for that one blob. */
  url: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** How the SPA plays and downloads recordings: through the API (`proxy`), or straight from storage through SAS URLs. */
export const RECORDINGS_PLAYBACK_MODES = ['proxy', 'direct'] as const;
export type RecordingsPlayback = (typeof RECORDINGS_PLAYBACK_MODES)[number];

export interface ConfigResponse {
  /** WebSocket URL browsers connect to. */
  livekitUrl: string;
  /** `RECORDINGS_PLAYBACK`: `direct` plays and downloads through `GET /recordings/:recordingName/url`. */
  recordingsPlayback: RecordingsPlayback;
}

/** Bounds of `GET /recordings?maxItems=`. */
export const MAX_ITEMS_LIMIT = 1000;

/**
 * Data messages the API sends into a room (LiveKit `SendData`, reliable) so every participant sees the
 * recording state change at once, richer than the boolean `RoomEvent.RecordingStatusChanged`.
 */
export const RECORDING_DATA_TOPIC = 'recording-status';

export type RecordingSignal =
  | { type: 'recording_status'; recording: StartedRecording | StoppedRecording; error?: string }
  | { type: 'recording_deleted'; name: string };
