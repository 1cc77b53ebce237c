import { ConnectionState, ParticipantKind, RoomEvent, Track } from 'livekit-client';

import type { AttachableTrack } from '../room/call-session';
import type { StageParticipant } from './stage-layout';

/** The part of a livekit-client `TrackPublication` the template reads. */
export interface TemplatePublication {
  readonly isMuted: boolean;
  /** Set once subscribed. */
  readonly track?: AttachableTrack;
}

/** The part of a livekit-client `RemoteParticipant` the template reads. */
export interface TemplateParticipant {
  readonly identity: string;
  readonly name?: string;
  readonly kind: ParticipantKind;
  readonly permissions?: { readonly hidden: boolean };
  readonly isSpeaking: boolean;
  readonly audioLevel: number;
  readonly lastSpokeAt?: Date;
  /** To the second (LiveKit's `joined_at`). */
  readonly joinedAt?: Date;
  getTrackPublication(source: Track.Source): TemplatePublication | undefined;
}

/** The part of livekit-client's `Room` the template uses (tests stand in a fake; `Room` itself fits). */
export interface TemplateRoom {
  readonly name: string;
  readonly state: ConnectionState;
  readonly remoteParticipants: ReadonlyMap<string, TemplateParticipant>;
  connect(url: string, token: string): Promise<void>;
  disconnect(): Promise<void>;
  on(event: RoomEvent, listener: () => void): unknown;
  off(event: RoomEvent, listener: () => void): unknown;
}

/** Events after which the stage is rebuilt from the room's current state. */
export const STAGE_EVENTS = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.ParticipantPermissionsChanged,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.ActiveSpeakersChanged,
  RoomEvent.Reconnected,
] as const;

/**
 * Whether someone belongs on the recording: people (and agents, SIP callers, ingress streams), never a recorder.
 * The recorder itself is the local participant, which is not among the remote ones; another egress, or anyone
 * hidden, is left out too.
 */
export function isOnStage(participant: TemplateParticipant): boolean {
  return participant.kind !== ParticipantKind.EGRESS && !participant.permissions?.hidden;
}

/**
 * The people to show, in the order they joined: those already in the room when the recorder joined come in the
 * order of the server's answer, which is not that one.
 */
export function stageParticipantsOf(room: TemplateRoom): StageParticipant[] {
  const joined = (participant: TemplateParticipant) => participant.joinedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return [...room.remoteParticipants.values()]
    .filter(isOnStage)
    .sort((a, b) => joined(a) - joined(b))
    .map(toStageParticipant);
}

/** Tracks that are published and not muted but not subscribed yet: the picture or sound is still on its way. */
export function pendingTracksOf(room: TemplateRoom): number {
  let pending = 0;
  for (const participant of room.remoteParticipants.values()) {
    if (!isOnStage(participant)) continue;
    for (const source of [Track.Source.Camera, Track.Source.Microphone]) {
      const publication = participant.getTrackPublication(source);
      if (publication && !publication.isMuted && !publication.track) pending++;
    }
  }
  return pending;
}

function toStageParticipant(participant: TemplateParticipant): StageParticipant {
  const camera = participant.getTrackPublication(Track.Source.Camera);
  const microphone = participant.getTrackPublication(Track.Source.Microphone);
  return {
    identity: participant.identity,
    name: participant.name || participant.identity,
    video: camera?.track && !camera.isMuted ? camera.track : undefined,
    audio: microphone?.track,
    microphoneOn: !!microphone?.track && !microphone.isMuted,
    speaking: participant.isSpeaking,
    audioLevel: participant.audioLevel,
    lastSpokeAt: participant.lastSpokeAt?.getTime(),
  };
}
