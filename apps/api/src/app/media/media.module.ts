import { Global, Module } from '@nestjs/common';

import { FrameGrabber } from './frame-grabber.service';

/** Video processing with ffmpeg (posters). */
@Global()
@Module({
  providers: [FrameGrabber],
  exports: [FrameGrabber],
})
export class MediaModule {}
