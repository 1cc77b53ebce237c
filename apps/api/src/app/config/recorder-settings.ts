import { ValidateBy } from 'class-validator';

/** `RECORDER`: who records. */
export const RECORDER_MODES = ['auto', 'egress', 'embedded'] as const;
export type RecorderMode = (typeof RECORDER_MODES)[number];

/** `RECORDER_VIDEO`: `1280x720@30`. */
export const RECORDER_VIDEO_PATTERN = /^(\d{3,4})x(\d{2,4})@(\d{1,2})$/;

export interface RecorderVideo {
  width: number;
  height: number;
  fps: number;
}

/** The picture of RECORDER_VIDEO; undefined when it is not one H.264 and the template can make (even sizes, 160x90-1920x1080, 1-30 fps). */
export function parseRecorderVideo(value: string): RecorderVideo | undefined {
  const match = RECORDER_VIDEO_PATTERN.exec(value);
  if (!match) return undefined;
  const [width, height, fps] = match.slice(1).map(Number);
  const fits = width >= 160 && width <= 1920 && height >= 90 && height <= 1080 && fps >= 1 && fps <= 30;
  return fits && width % 2 === 0 && height % 2 === 0 ? { width, height, fps } : undefined;
}

export const IsRecorderVideo = () =>
  ValidateBy({
    name: 'isRecorderVideo',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseRecorderVideo(value) !== undefined,
      defaultMessage: () => 'must be WIDTHxHEIGHT@FPS with even sizes from 160x90 to 1920x1080 and 1-30 fps, e.g. 1280x720@30',
    },
  });
