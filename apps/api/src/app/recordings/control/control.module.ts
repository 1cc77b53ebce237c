import { Module } from '@nestjs/common';

import { RecorderModule } from '../../recorder/recorder.module';
import { RecordingCompletions } from './recording-completions';
import { RecordingControl } from './recording-control';
import { RecordingControlController } from './recording-control.controller';
import { RecordingLifecycle } from './recording-lifecycle.service';
import { RecordingNotifier } from './recording-notifier.service';
import { RecordingReconciler } from './recording-reconciler.service';
import { RecordingRecords } from './recording-records.service';
import { RoomLockService } from './room-lock.service';
import { RoomRecordingService } from './room-recording.service';
import { RoomRecordingMetadata } from './room-recording-metadata.service';

/** Recording control: only its facade, {@link RecordingControl}, leaves this module. */
@Module({
  imports: [RecorderModule],
  controllers: [RecordingControlController],
  providers: [
    RecordingControl,
    RoomRecordingService,
    RecordingLifecycle,
    RecordingCompletions,
    RecordingReconciler,
    RecordingRecords,
    RecordingNotifier,
    RoomLockService,
    RoomRecordingMetadata,
  ],
  exports: [RecordingControl],
})
export class ControlModule {}
