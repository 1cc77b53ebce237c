import { Module } from '@nestjs/common';

import { RecordingIndex } from './catalog/recording-index.service';
import { RecordingLibraryService } from './catalog/recording-catalog.service';
import { RecordingLifecycle } from './control/recording-lifecycle.service';
import { RecordingNotifier } from './control/recording-notifier.service';
import { RecordingPlaybackController } from './playback/playback-url.controller';
import { RecordingPosterController } from './catalog/recording-poster.controller';
import { RecordingPosterService } from './catalog/recording-poster.service';
import { RecordingReconciler } from './control/recording-reconciler.service';
import { RecordingRecords } from './control/recording-records.service';
import { RecordingSharesController } from './catalog/recording-shares.controller';
import { RecordingsController } from './catalog/recording-catalog.controller';
import { RecordingsService } from './control/room-recording.service';
import { RoomLockService } from './control/room-lock.service';
import { RoomRecordingMetadata } from './control/room-recording-metadata.service';
import { SharedRecordingController } from './playback/recording-stream.controller';

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
