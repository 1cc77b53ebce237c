import { parseRecorderVideo } from '@recording/embedded-recorder';

import { ValidateBy } from 'class-validator';

/** `RECORDER`: who records. */
export const RECORDER_MODES = ['auto', 'egress', 'embedded'] as const;
export type RecorderMode = (typeof RECORDER_MODES)[number];

/** `RECORDER_VIDEO`: `<width>x<height>@<fps>`, as the embedded recorder reads it (its message says what is wrong). */
export const IsRecorderVideo = () =>
  ValidateBy({
    name: 'isRecorderVideo',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && videoProblem(value) === undefined,
      defaultMessage: (args) => `must be <width>x<height>@<fps>, e.g. 1280x720@30 (${videoProblem(String(args?.value))})`,
    },
  });

function videoProblem(value: string): string | undefined {
  try {
    parseRecorderVideo(value);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^RECORDER_VIDEO "[^"]*":? ?/, '');
  }
}
