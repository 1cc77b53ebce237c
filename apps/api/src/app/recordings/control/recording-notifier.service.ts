import { RECORDING_DATA_TOPIC, RecordingSignal } from '@recording/contracts';

import { Injectable, Logger } from '@nestjs/common';

import { RoomService } from '../../livekit/room.service';

/**
 * Tells everyone in the room what happened to a recording, through a reliable LiveKit data message, so
 * the UI can show starting/stopping/failed at once instead of waiting for the boolean
 * `RecordingStatusChanged`. Best effort: a room that is gone or a LiveKit hiccup never fails the request.
 */
@Injectable()
export class RecordingNotifier {
  private readonly logger = new Logger(RecordingNotifier.name);
  private readonly encoder = new TextEncoder();

  constructor(private readonly rooms: RoomService) {}

  /** Resolves once LiveKit took the message (or could not): awaiting it keeps a change's messages in order. */
  publish(roomName: string, signal: RecordingSignal): Promise<void> {
    return this.rooms.sendData(roomName, this.encoder.encode(JSON.stringify(signal)), RECORDING_DATA_TOPIC).catch((error: Error) => {
      this.logger.debug({ room: roomName, signal: signal.type, cause: error.message }, 'Could not notify the room');
    });
  }
}
