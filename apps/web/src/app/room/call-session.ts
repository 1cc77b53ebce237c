import { Signal } from '@angular/core';
import type { RoomEvent } from 'livekit-client';

import type { RecordingConsent } from './recording-consent';

/**
 * The call as the UI sees it. The only implementation that talks to LiveKit is `livekit-call-session.ts`,
 * loaded on demand by `call-connector.ts`, so nothing else (and no unit test that does not need it) pulls in `livekit-client`.
 */
export interface CallSession {
  readonly roomName: string;
  readonly participantName: string;
  /** What the recording controls listen to: the livekit-client `Room` itself. */
  readonly room: RecordingRoom;
  /** The local participant first, then everyone else in the order they joined. */
  readonly participants: Signal<readonly CallParticipant[]>;
  readonly cameraOn: Signal<boolean>;
  readonly microphoneOn: Signal<boolean>;
  /** The browser blocked audio playback until the user interacts (autoplay policy). */
  readonly audioBlocked: Signal<boolean>;
  /** Why the camera or microphone could not be used, when they could not. */
  readonly mediaError: Signal<string | undefined>;
  readonly reconnecting: Signal<boolean>;
  /** Set when the call ended without the user leaving (kicked, room closed, network lost). */
  readonly endedReason: Signal<string | undefined>;
  /**
   * Set while the room was being recorded when this person joined and they have not chosen yet: until then their
   * camera and microphone are not published (they see and hear the others).
   */
  readonly recordingConsent: Signal<RecordingConsent | undefined>;
  /** Their choice: publish camera and microphone, or stay in the call without them. */
  answerRecordingConsent(publish: boolean): Promise<void>;
  setCameraEnabled(enabled: boolean): Promise<void>;
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  startAudio(): Promise<void>;
  leave(): Promise<void>;
}

export interface CallParticipant {
  readonly identity: string;
  /** Display name, shown as text only. */
  readonly name: string;
  readonly isLocal: boolean;
  /** The camera track, when published, subscribed and not muted. */
  readonly video?: AttachableTrack;
  /** A remote participant's microphone track, when subscribed (the local one is never played back). */
  readonly audio?: AttachableTrack;
  readonly cameraOn: boolean;
  readonly microphoneOn: boolean;
  readonly speaking: boolean;
}

/** The part of a livekit-client `Track` the tiles use. */
export interface AttachableTrack {
  attach(element: HTMLMediaElement): HTMLMediaElement;
  detach(element: HTMLMediaElement): HTMLMediaElement;
}

export type DataListener = (payload: Uint8Array, participant?: unknown, kind?: unknown, topic?: string) => void;

/** The part of livekit-client's `Room` the recording controls use; tests stand in an EventEmitter. */
export interface RecordingRoom {
  readonly name: string;
  readonly isRecording: boolean;
  /** The room's metadata, where the API keeps its current recording (`{"recording": {...}}`). */
  readonly metadata: string | undefined;
  getSid(): Promise<string>;
  on(event: RoomEvent.RecordingStatusChanged, listener: (isRecording: boolean) => void): unknown;
  on(event: RoomEvent.RoomMetadataChanged, listener: (metadata: string) => void): unknown;
  on(event: RoomEvent.DataReceived, listener: DataListener): unknown;
  off(event: RoomEvent.RecordingStatusChanged, listener: (isRecording: boolean) => void): unknown;
  off(event: RoomEvent.RoomMetadataChanged, listener: (metadata: string) => void): unknown;
  off(event: RoomEvent.DataReceived, listener: DataListener): unknown;
}

export interface ConnectOptions {
  url: string;
  token: string;
  roomName: string;
  participantName: string;
}

/** The LiveKit server could not be reached at `url`. */
export class LiveKitUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`Could not reach the LiveKit server at ${url}: ${detail}`);
    this.name = 'LiveKitUnreachableError';
  }
}

/** The LiveKit server answered but refused the access token (API key/secret mismatch, expired token…). */
export class LiveKitRejectedError extends Error {
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`The LiveKit server at ${url} refused the access token: ${detail}`);
    this.name = 'LiveKitRejectedError';
  }
}
