import { EventEmitter } from 'events';
import { ConnectionState, ParticipantEvent, ParticipantKind, RoomEvent, Track } from 'livekit-client';

import type { TemplateParticipant, TemplatePublication, TemplateRoom } from '../recording-template/template-room';
import { FakeTrack } from './fake-session';

/** What a participant publishes: `on` subscribed and playing, `off` muted, `pending` published but not subscribed yet. */
export type FakeMedia = 'on' | 'off' | 'pending' | 'none';

export class FakePublication implements TemplatePublication {
  isMuted = false;
  track?: FakeTrack;
}

export class FakeRemoteParticipant implements TemplateParticipant {
  isSpeaking = false;
  audioLevel = 0;
  lastSpokeAt?: Date;
  joinedAt?: Date;
  permissions?: { hidden: boolean };
  readonly publications = new Map<Track.Source, FakePublication>();

  constructor(
    readonly identity: string,
    public name: string | undefined,
    readonly kind: ParticipantKind = ParticipantKind.STANDARD,
  ) {}

  getTrackPublication(source: Track.Source): FakePublication | undefined {
    return this.publications.get(source);
  }

  /** The camera or microphone's track, once subscribed. */
  track(source: Track.Source): FakeTrack | undefined {
    return this.publications.get(source)?.track;
  }
}

/** The recorder itself: Egress's `UpdateLayout` sets its metadata (egress-sdk listens on it). */
class FakeLocalParticipant extends EventEmitter {
  metadata?: string;
}

/**
 * Stands in for livekit-client's `Room` as the recording template sees it (the recorder's side): the same event
 * names, remote participants whose publications the test drives, the recorder as local participant.
 */
export class FakeTemplateRoom extends EventEmitter implements TemplateRoom {
  state = ConnectionState.Disconnected;
  readonly remoteParticipants = new Map<string, FakeRemoteParticipant>();
  readonly localParticipant = new FakeLocalParticipant();
  /** Settles `connect`: the test may hold it or make it fail. */
  connection: Promise<void> = Promise.resolve();
  readonly connect = jest.fn(async (_url: string, _token: string) => {
    await this.connection;
    this.state = ConnectionState.Connected;
  });
  readonly disconnect = jest.fn(async () => this.closed());

  constructor(readonly name = 'Test Room') {
    super();
  }

  /** Someone in the room before the recorder joins (no event: livekit-client reads them from the join answer). */
  present(identity: string, name: string, media: { camera?: FakeMedia; microphone?: FakeMedia } = {}): FakeRemoteParticipant {
    const participant = new FakeRemoteParticipant(identity, name);
    this.publish(participant, Track.Source.Camera, media.camera ?? 'on');
    this.publish(participant, Track.Source.Microphone, media.microphone ?? 'on');
    this.remoteParticipants.set(identity, participant);
    return participant;
  }

  join(identity: string, name: string, media: { camera?: FakeMedia; microphone?: FakeMedia } = {}): FakeRemoteParticipant {
    const participant = this.present(identity, name, media);
    this.emit(RoomEvent.ParticipantConnected, participant);
    return participant;
  }

  /** Another egress (a second recording of the same room) joining: of kind EGRESS, and it publishes nothing. */
  joinEgress(identity: string): void {
    const participant = new FakeRemoteParticipant(identity, '', ParticipantKind.EGRESS);
    this.remoteParticipants.set(identity, participant);
    this.emit(RoomEvent.ParticipantConnected, participant);
  }

  leave(identity: string): void {
    const participant = this.remoteParticipants.get(identity);
    this.remoteParticipants.delete(identity);
    this.emit(RoomEvent.ParticipantDisconnected, participant);
  }

  /** A pending track arrives. */
  subscribe(identity: string, source: Track.Source): FakeTrack {
    const publication = this.remoteParticipants.get(identity)!.publications.get(source)!;
    publication.track = new FakeTrack();
    this.emit(RoomEvent.TrackSubscribed, publication.track, publication, this.remoteParticipants.get(identity));
    return publication.track;
  }

  /** Turns a camera or microphone off (muted) or on again. */
  setMuted(identity: string, source: Track.Source, muted: boolean): void {
    const publication = this.remoteParticipants.get(identity)!.publications.get(source)!;
    publication.isMuted = muted;
    this.emit(muted ? RoomEvent.TrackMuted : RoomEvent.TrackUnmuted, publication, this.remoteParticipants.get(identity));
  }

  /** LiveKit's active speakers update: these speak now (the first loudest), the others not. */
  speak(...identities: string[]): void {
    for (const participant of this.remoteParticipants.values()) {
      const index = identities.indexOf(participant.identity);
      participant.isSpeaking = index >= 0;
      participant.audioLevel = index >= 0 ? 1 - index * 0.1 : 0;
      if (index >= 0) participant.lastSpokeAt = new Date();
    }
    this.emit(
      RoomEvent.ActiveSpeakersChanged,
      identities.map((identity) => this.remoteParticipants.get(identity)),
    );
  }

  /** What Egress's `UpdateLayout` does: the recorder participant's metadata becomes `{"layout": …}`. */
  updateLayout(layout: string): void {
    this.localParticipant.metadata = JSON.stringify({ layout });
    this.localParticipant.emit(ParticipantEvent.ParticipantMetadataChanged, undefined, this.localParticipant);
  }

  /** The room closes under the recorder. */
  closed(): void {
    if (this.state === ConnectionState.Disconnected) return;
    this.state = ConnectionState.Disconnected;
    this.emit(RoomEvent.Disconnected);
  }

  private publish(participant: FakeRemoteParticipant, source: Track.Source, media: FakeMedia): void {
    if (media === 'none') return;
    const publication = new FakePublication();
    publication.isMuted = media === 'off';
    if (media !== 'pending') publication.track = new FakeTrack();
    participant.publications.set(source, publication);
  }
}
