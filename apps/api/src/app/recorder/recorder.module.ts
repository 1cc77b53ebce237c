import { Module } from '@nestjs/common';

import { EgressRecorder } from './egress-recorder';
import { EmbeddedRecorderService } from './embedded-recorder.service';
import { RecorderRouter } from './recorder-router';
import { RecordingPort } from './recording-port';

/** The recorders behind one recording port: recording control sees only {@link RecordingPort}. */
@Module({
  providers: [EgressRecorder, EmbeddedRecorderService, { provide: RecordingPort, useClass: RecorderRouter }],
  exports: [RecordingPort],
})
export class RecorderModule {}
