import { RecordingLayout } from '@recording/contracts';

import { EgressSnapshot } from '../livekit/egress-snapshot';

/** What recording control asks a recorder for. The file's name and place follow the contract's name rules. */
export interface RecordingRequest {
  roomName: string;
  /** The room's SID, part of the file's name. */
  roomId: string;
  layout: RecordingLayout;
  audioOnly: boolean;
}

/** News a recorder reports by itself, in process (the embedded recorder), as Egress reports by webhook. */
export type RecorderNewsListener = (news: EgressSnapshot) => Promise<void>;

/**
 * The one way the API makes recordings, whoever makes them: LiveKit Egress, or the embedded recorder. Recording control
 * starts, stops and switches layouts through it, and asks it which recordings are in progress (the reconciler, a
 * delete's 409), so a recording of either is never mistaken for one "LiveKit no longer knows". Every recorder reports
 * in the same words: an {@link EgressSnapshot} whose file, once named, is the recording's blob key in storage.
 */
export abstract class RecordingPort {
  abstract start(request: RecordingRequest): Promise<EgressSnapshot>;

  /** Stops a recording; undefined when it had already ended or is unknown (someone else stopped it). */
  abstract stop(id: string): Promise<EgressSnapshot | undefined>;

  abstract changeLayout(id: string, layout: RecordingLayout): Promise<void>;

  /** The room's recordings that are starting, recording or saving. */
  abstract listActive(roomName: string): Promise<EgressSnapshot[]>;

  /** One recording as its recorder last knew it; undefined when no recorder knows it (any more). */
  abstract find(id: string): Promise<EgressSnapshot | undefined>;

  /**
   * A recorder's word as it arrived from outside (an Egress webhook) made ready for control: the file named by its blob
   * key, and an ended recording's file in storage.
   */
  abstract settle(news: EgressSnapshot): Promise<EgressSnapshot>;

  /** Why a recording no recorder knows any more ended without a word, in words a user can act on. */
  abstract lostReason(id: string): string;

  /** Registers who hears what recorders report by themselves (recording control's lifecycle). */
  abstract onNews(listener: RecorderNewsListener): void;
}
