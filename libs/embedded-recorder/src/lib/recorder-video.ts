/** Picture size and frame rate of the embedded recorder (`RECORDER_VIDEO`, e.g. `1280x720@30`). */
export interface RecorderVideo {
  width: number;
  height: number;
  fps: number;
}

export const DEFAULT_RECORDER_VIDEO: RecorderVideo = { width: 1280, height: 720, fps: 30 };

const LIMITS = { minWidth: 160, maxWidth: 3840, minHeight: 90, maxHeight: 2160, minFps: 1, maxFps: 60 } as const;

/**
 * Parses `<width>x<height>@<fps>` (`1280x720@30`). Sizes must be even (4:2:0 video halves them for colour),
 * 160×90 to 3840×2160, at 1 to 60 frames per second. Throws a RangeError that says what is wrong and what is
 * expected.
 */
export function parseRecorderVideo(text: string): RecorderVideo {
  const match = /^\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*@\s*(\d{1,3})\s*$/.exec(text);
  if (!match) throw new RangeError(`RECORDER_VIDEO "${text}" is not <width>x<height>@<fps>, e.g. 1280x720@30`);
  const [width, height, fps] = match.slice(1).map(Number);
  const problems: string[] = [];
  if (width < LIMITS.minWidth || width > LIMITS.maxWidth) problems.push(`width ${width} is outside ${LIMITS.minWidth}–${LIMITS.maxWidth}`);
  if (height < LIMITS.minHeight || height > LIMITS.maxHeight) {
    problems.push(`height ${height} is outside ${LIMITS.minHeight}–${LIMITS.maxHeight}`);
  }
  if (width % 2 || height % 2) problems.push(`${width}x${height} has an odd side (H.264 4:2:0 needs even sizes)`);
  if (fps < LIMITS.minFps || fps > LIMITS.maxFps) problems.push(`${fps} fps is outside ${LIMITS.minFps}–${LIMITS.maxFps}`);
  if (problems.length) throw new RangeError(`RECORDER_VIDEO "${text}": ${problems.join('; ')}`);
  return { width, height, fps };
}

/** `1280x720@30` */
export function formatRecorderVideo(video: RecorderVideo): string {
  return `${video.width}x${video.height}@${video.fps}`;
}
