/** The room an egress records, as the egress service sees it when the start request arrives. */
export interface EgressRoom {
  name: string;
  sid: string;
}

/** What the recorder (Chrome on the composite template, in real egress) tells its egress. */
export interface RecorderEvents {
  /** Media is flowing: the pipeline starts, the egress becomes ACTIVE. */
  mediaFlowing(): void;
  /** The room ended under the recorder (the template sees the room end): like a stop, reason "Source closed". */
  roomClosed(): void;
}

/**
 * Where egress finds rooms and where its recorder joins them. Two kinds: the emulator's own rooms (no media,
 * participants from the control API), or a real livekit-server, whose room a real hidden recorder participant
 * joins, so the server itself reports the recording to everyone in the room.
 */
export interface EgressRooms {
  find(name: string): Promise<EgressRoom | undefined>;
  startRecorder(egressId: string, room: EgressRoom, events: RecorderEvents): void;
  stopRecorder(egressId: string): void;
  /** UpdateLayout sets the recorder participant's metadata; false when the recorder is not in the room. */
  setRecorderMetadata(egressId: string, room: EgressRoom, metadata: string): Promise<boolean>;
  /** Forgets every recorder (between tests). */
  reset(): void;
}
