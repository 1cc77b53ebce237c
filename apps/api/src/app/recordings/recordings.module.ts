import { Module } from '@nestjs/common';

import { RecordingLibraryService } from './recording-library.service';
import { RecordingNotifier } from './recording-notifier.service';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';
import { RoomLockService } from './room-lock.service';

@Module({
  controllers: [RecordingsController],
  providers: [RecordingsService, RecordingLibraryService, RecordingNotifier, RoomLockService],
  exports: [RecordingLibraryService, RecordingNotifier],
})
export class RecordingsModule {}
