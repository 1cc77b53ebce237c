import { signal, WritableSignal } from '@angular/core';

import { AttachableTrack, CallParticipant, CallSession } from '../room/call-session';
import { RecordingConsent } from '../room/recording-consent';
import { FakeRoom } from './fake-room';

export interface FakeSession extends CallSession {
  readonly room: FakeRoom;
  readonly participants: WritableSignal<readonly CallParticipant[]>;
  readonly cameraOn: WritableSignal<boolean>;
  readonly microphoneOn: WritableSignal<boolean>;
  readonly audioBlocked: WritableSignal<boolean>;
  readonly mediaError: WritableSignal<string | undefined>;
  readonly reconnecting: WritableSignal<boolean>;
  readonly endedReason: WritableSignal<string | undefined>;
  readonly recordingConsent: WritableSignal<RecordingConsent | undefined>;
  readonly answerRecordingConsent: jest.Mock<Promise<void>, [boolean]>;
  readonly setCameraEnabled: jest.Mock<Promise<void>, [boolean]>;
  readonly setMicrophoneEnabled: jest.Mock<Promise<void>, [boolean]>;
  readonly startAudio: jest.Mock<Promise<void>, []>;
  readonly leave: jest.Mock<Promise<void>, []>;
}

export function fakeSession(participants: readonly CallParticipant[] = []): FakeSession {
  return {
    roomName: 'Test Room',
    participantName: 'Alice',
    room: new FakeRoom(),
    participants: signal(participants),
    cameraOn: signal(true),
    microphoneOn: signal(true),
    audioBlocked: signal(false),
    mediaError: signal(undefined),
    reconnecting: signal(false),
    endedReason: signal(undefined),
    recordingConsent: signal(undefined),
    answerRecordingConsent: jest.fn(() => Promise.resolve()),
    setCameraEnabled: jest.fn(() => Promise.resolve()),
    setMicrophoneEnabled: jest.fn(() => Promise.resolve()),
    startAudio: jest.fn(() => Promise.resolve()),
    leave: jest.fn(() => Promise.resolve()),
  };
}

export function participant(overrides: Partial<CallParticipant> = {}): CallParticipant {
  return {
    identity: 'alice',
    name: 'Alice',
    isLocal: true,
    cameraOn: true,
    microphoneOn: true,
    speaking: false,
    ...overrides,
  };
}

/** A track that records where it is attached, like livekit-client's `Track.attach/detach`. */
export class FakeTrack implements AttachableTrack {
  readonly attached = new Set<HTMLMediaElement>();
  readonly attach = jest.fn((element: HTMLMediaElement) => {
    this.attached.add(element);
    return element;
  });
  readonly detach = jest.fn((element: HTMLMediaElement) => {
    this.attached.delete(element);
    return element;
  });
}
