import { Signal, signal, WritableSignal } from '@angular/core';
import {
  ConnectionError,
  ConnectionErrorReason,
  DisconnectReason,
  isBrowserSupported,
  LogLevel,
  Participant,
  Room,
  RoomEvent,
  setLogLevel,
  Track,
} from 'livekit-client';

import { CallParticipant, CallSession, ConnectOptions, LiveKitRejectedError, LiveKitUnreachableError, RecordingRoom } from './call-session';
import { RecordingConsent, recordingConsentAtJoin } from './recording-consent';

// The SDK logs every signalling step at info level; the UI reports what matters.
setLogLevel(LogLevel.warn);

/**
 * Joins the room and publishes camera and microphone (a media failure does not stop the join), unless the room is
 * being recorded: then the person is asked first (`recordingConsent`) and nothing of theirs is published until then.
 */
export async function connectToLiveKit(options: ConnectOptions): Promise<CallSession> {
  if (!isBrowserSupported()) {
    throw new Error(
      'This browser cannot make video calls (WebRTC is missing or turned off). Use a current Chrome, Edge, Firefox or Safari.',
    );
  }
  const room = new Room({ adaptiveStream: true, dynacast: true });
  try {
    await room.connect(options.url, options.token);
  } catch (error) {
    await room.disconnect();
    throw toConnectError(options.url, error);
  }
  const consent = recordingConsentAtJoin(room.isRecording, room.metadata);
  const session = new LiveKitCallSession(room, options, consent);
  if (!consent) await session.publishCameraAndMicrophone();
  return session;
}

function toConnectError(url: string, error: unknown): Error {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof ConnectionError && error.reason === ConnectionErrorReason.NotAllowed) {
    return new LiveKitRejectedError(url, detail);
  }
  return new LiveKitUnreachableError(url, detail);
}

/** Events after which the tiles are rebuilt from the room's current state. */
const PARTICIPANT_EVENTS = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ActiveSpeakersChanged,
] as const;

class LiveKitCallSession implements CallSession {
  readonly roomName: string;
  readonly participantName: string;
  readonly room: RecordingRoom;
  private readonly participantList = signal<readonly CallParticipant[]>([]);
  private readonly camera = signal(false);
  private readonly microphone = signal(false);
  private readonly audioPlaybackBlocked = signal(false);
  private readonly mediaFailure = signal<string | undefined>(undefined);
  private readonly reconnectingState = signal(false);
  private readonly ended = signal<string | undefined>(undefined);
  private readonly consent: WritableSignal<RecordingConsent | undefined>;
  private leaving = false;

  readonly participants: Signal<readonly CallParticipant[]> = this.participantList.asReadonly();
  readonly cameraOn = this.camera.asReadonly();
  readonly microphoneOn = this.microphone.asReadonly();
  readonly audioBlocked = this.audioPlaybackBlocked.asReadonly();
  readonly mediaError = this.mediaFailure.asReadonly();
  readonly reconnecting = this.reconnectingState.asReadonly();
  readonly endedReason = this.ended.asReadonly();
  readonly recordingConsent: Signal<RecordingConsent | undefined>;

  constructor(
    private readonly livekitRoom: Room,
    options: ConnectOptions,
    consent: RecordingConsent | undefined,
  ) {
    this.consent = signal(consent);
    this.recordingConsent = this.consent.asReadonly();
    this.room = livekitRoom;
    this.roomName = livekitRoom.name || options.roomName;
    this.participantName = options.participantName;
    const refresh = () => this.refresh();
    for (const event of PARTICIPANT_EVENTS) livekitRoom.on(event, refresh);
    livekitRoom
      .on(RoomEvent.AudioPlaybackStatusChanged, () => this.audioPlaybackBlocked.set(!livekitRoom.canPlaybackAudio))
      .on(RoomEvent.MediaDevicesError, (error) => this.mediaFailure.set(describeMediaError(error)))
      .on(RoomEvent.Reconnecting, () => this.reconnectingState.set(true))
      .on(RoomEvent.Reconnected, () => this.reconnectingState.set(false))
      .on(RoomEvent.Disconnected, (reason) => {
        if (!this.leaving) this.ended.set(describeDisconnect(reason));
      });
    this.refresh();
  }

  async publishCameraAndMicrophone(): Promise<void> {
    try {
      await this.livekitRoom.localParticipant.enableCameraAndMicrophone();
    } catch (error) {
      this.mediaFailure.set(describeMediaError(error));
    }
    this.refresh();
  }

  async answerRecordingConsent(publish: boolean): Promise<void> {
    this.consent.set(undefined);
    if (publish) await this.publishCameraAndMicrophone();
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    await this.toggle(() => this.livekitRoom.localParticipant.setCameraEnabled(enabled));
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    await this.toggle(() => this.livekitRoom.localParticipant.setMicrophoneEnabled(enabled));
  }

  async startAudio(): Promise<void> {
    await this.livekitRoom.startAudio();
    this.audioPlaybackBlocked.set(!this.livekitRoom.canPlaybackAudio);
  }

  async leave(): Promise<void> {
    this.leaving = true;
    await this.livekitRoom.disconnect();
  }

  private async toggle(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      this.mediaFailure.set(undefined);
    } catch (error) {
      this.mediaFailure.set(describeMediaError(error));
    }
    this.refresh();
  }

  private refresh(): void {
    const local = this.livekitRoom.localParticipant;
    this.participantList.set([
      toView(local, true),
      ...[...this.livekitRoom.remoteParticipants.values()].map((participant) => toView(participant, false)),
    ]);
    this.camera.set(local.isCameraEnabled);
    this.microphone.set(local.isMicrophoneEnabled);
  }
}

function toView(participant: Participant, isLocal: boolean): CallParticipant {
  const camera = participant.getTrackPublication(Track.Source.Camera);
  const microphone = participant.getTrackPublication(Track.Source.Microphone);
  const cameraOn = !!camera?.track && !camera.isMuted;
  return {
    identity: participant.identity,
    name: participant.name || participant.identity,
    isLocal,
    video: cameraOn ? camera?.track : undefined,
    audio: !isLocal ? microphone?.track : undefined,
    cameraOn,
    microphoneOn: !!microphone?.track && !microphone.isMuted,
    speaking: participant.isSpeaking,
  };
}

function describeMediaError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError') {
    return 'The browser blocked the camera or microphone. Allow them in the site settings, then turn them on again.';
  }
  if (name === 'NotFoundError') return 'No camera or microphone was found. Others can still see and hear you once one is connected.';
  if (name === 'NotReadableError') return 'The camera or microphone is in use by another application.';
  return `The camera or microphone could not be started: ${error instanceof Error ? error.message : String(error)}`;
}

function describeDisconnect(reason?: DisconnectReason): string {
  switch (reason) {
    case DisconnectReason.DUPLICATE_IDENTITY:
      return 'You left the call because someone joined it with the same participant name.';
    case DisconnectReason.PARTICIPANT_REMOVED:
      return 'You were removed from the call.';
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return 'The room was closed.';
    case DisconnectReason.SERVER_SHUTDOWN:
      return 'The LiveKit server shut down. Join again in a moment.';
    default:
      return 'The connection to the call was lost. Join again to continue.';
  }
}
