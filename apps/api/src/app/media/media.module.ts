import { DynamicModule, Global, Module } from '@nestjs/common';

import { FfmpegRunner } from './ffmpeg-runner.service';
import { FrameGrabber } from './frame-grabber.service';
import { DEFAULT_MEDIA_LIMITS, MEDIA_LIMITS, MediaLimits } from './media-limits';

/** Media processing with ffmpeg (posters), bounded by {@link MediaLimits}. */
@Global()
@Module({})
export class MediaModule {
  /** `limits`: the defaults, or shorter ones in tests. */
  static forRoot(limits: Partial<MediaLimits> = {}): DynamicModule {
    return {
      module: MediaModule,
      providers: [{ provide: MEDIA_LIMITS, useValue: { ...DEFAULT_MEDIA_LIMITS, ...limits } }, FfmpegRunner, FrameGrabber],
      exports: [FrameGrabber],
    };
  }
}
