import { runMediaTool } from './media-tools';

export interface ProbedStream {
  index: number;
  type: 'video' | 'audio' | 'data' | 'subtitle' | string;
  codec: string;
  profile?: string;
  durationS?: number;
  startS?: number;
  /** Video only. */
  width?: number;
  height?: number;
  /** Video only: the rate the container declares (`r_frame_rate`) and the average over the stream. */
  frameRate?: number;
  averageFrameRate?: number;
  pixelFormat?: string;
  /** `tv` (limited, 16–235) or `pc` (full), as tagged; the luma of a test card says what it really is. */
  colorRange?: string;
  colorSpace?: string;
  /** Audio only. */
  sampleRate?: number;
  channels?: number;
}

export interface MediaProbe {
  formatName: string;
  durationS: number;
  sizeBytes: number;
  streams: ProbedStream[];
}

interface FfprobeJson {
  format?: Record<string, string | undefined>;
  streams?: Record<string, string | number | undefined>[];
}

/** What ffprobe says about a file: container, duration and every stream. */
export async function probeMedia(file: string): Promise<MediaProbe> {
  const { stdout } = await runMediaTool('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]);
  const json = JSON.parse(stdout.toString()) as FfprobeJson;
  return {
    formatName: String(json.format?.['format_name'] ?? ''),
    durationS: Number(json.format?.['duration'] ?? NaN),
    sizeBytes: Number(json.format?.['size'] ?? NaN),
    streams: (json.streams ?? []).map(toStream),
  };
}

function toStream(s: Record<string, string | number | undefined>): ProbedStream {
  const num = (key: string) => (s[key] === undefined || s[key] === 'N/A' ? undefined : Number(s[key]));
  const str = (key: string) => (s[key] === undefined || s[key] === 'unknown' ? undefined : String(s[key]));
  return {
    index: Number(s['index']),
    type: String(s['codec_type']),
    codec: String(s['codec_name']),
    profile: str('profile'),
    durationS: num('duration'),
    startS: num('start_time'),
    width: num('width'),
    height: num('height'),
    frameRate: rate(s['r_frame_rate']),
    averageFrameRate: rate(s['avg_frame_rate']),
    pixelFormat: str('pix_fmt'),
    colorRange: str('color_range'),
    colorSpace: str('color_space'),
    sampleRate: num('sample_rate'),
    channels: num('channels'),
  };
}

/** ffprobe writes rates as fractions ("30/1", "2890000/99767"); "0/0" means none. */
function rate(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const [numerator, denominator] = String(value).split('/').map(Number);
  return denominator ? numerator / denominator : undefined;
}
