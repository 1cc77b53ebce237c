import { Module } from '@nestjs/common';

import { PlaybackUrlController } from './playback-url.controller';
import { RecordingPlayback } from './recording-playback.service';
import { RecordingStreamController } from './recording-stream.controller';

/** Playing stored recordings: it needs storage only, nothing else of recordings/. */
@Module({
  controllers: [PlaybackUrlController, RecordingStreamController],
  providers: [RecordingPlayback],
})
export class PlaybackModule {}
