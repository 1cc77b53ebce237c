import { Module } from '@nestjs/common';

import { RecordingIndex } from './recording-index.service';
import { RecordingLibraryService } from './recording-library.service';
import { RecordingLifecycle } from './recording-lifecycle.service';
import { RecordingNotifier } from './recording-notifier.service';
import { RecordingPlaybackController } from './recording-playback.controller';
import { RecordingPosterController } from './recording-poster.controller';
import { RecordingPosterService } from './recording-poster.service';
import { RecordingReconciler } from './recording-reconciler.service';
import { RecordingRecords } from './recording-records.service';
import { RecordingSharesController } from './recording-shares.controller';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';
import { RoomLockService } from './room-lock.service';
import { RoomRecordingMetadata } from './room-recording-metadata.service';
import { SharedRecordingController } from './shared-recording.controller';

@Module({
  // The poster, URL and share routes first: RecordingsController answers every other nested path under /recordings with 400.
  controllers: [
    RecordingPosterController,
    RecordingPlaybackController,
    RecordingSharesController,
    RecordingsController,
    SharedRecordingController,
  ],
  providers: [
    RecordingsService,
    RecordingLibraryService,
    RecordingIndex,
    RecordingLifecycle,
    RecordingRecords,
    RecordingReconciler,
    RecordingNotifier,
    RoomLockService,
    RoomRecordingMetadata,
    RecordingPosterService,
  ],
  exports: [RecordingLifecycle, RecordingReconciler, RoomLockService],
})
export class RecordingsModule {}
