import { runMediaTool } from './media-tools';
import { probeMedia } from './probe';

/** A rectangle in fractions of the picture (0–1), so one description fits every resolution. */
export interface RelativeRegion {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface RegionStats {
  /** Mean of the coded luma samples (Y) as stored: BT.709 limited range puts black at 16 and white at 235. */
  meanLuma: number;
  /** Mean red, green, blue (0–255) after ffmpeg's conversion with the file's own colour tags. */
  meanRgb: [number, number, number];
}

/**
 * What one frame (the first at or after `atS`) holds in `region`: mean luma as coded and mean RGB. At 0 it reads the
 * first frame without seeking, so a still image (a JPEG poster) works too: ffmpeg's image2 input yields nothing
 * after `-ss 0`.
 */
export async function regionStats(file: string, atS: number, region: RelativeRegion): Promise<RegionStats> {
  const video = (await probeMedia(file)).streams.find((stream) => stream.type === 'video');
  if (!video?.width || !video.height) throw new Error(`${file} has no video stream`);
  const crop = cropFilter(region, video.width, video.height);
  const grab = (filters: string, pixelFormat: string) =>
    runMediaTool('ffmpeg', [
      '-v',
      'error',
      ...(atS > 0 ? ['-ss', String(atS)] : []),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      filters,
      '-f',
      'rawvideo',
      '-pix_fmt',
      pixelFormat,
      '-',
    ]);
  // extractplanes hands over the Y plane untouched, so the luma is what the file stores, whatever its tags say.
  const [luma, rgb] = await Promise.all([grab(`${crop.filter},extractplanes=y`, 'gray'), grab(crop.filter, 'rgb24')]);
  if (luma.stdout.length < crop.pixels || rgb.stdout.length < crop.pixels * 3) throw new Error(`${file} has no frame at ${atS} s`);
  return { meanLuma: mean(luma.stdout, 0, 1), meanRgb: [mean(rgb.stdout, 0, 3), mean(rgb.stdout, 1, 3), mean(rgb.stdout, 2, 3)] };
}

export function cropFilter(region: RelativeRegion, width: number, height: number): { filter: string; pixels: number } {
  const inside = (value: number) => value >= 0 && value <= 1;
  if (
    ![region.left, region.top, region.width, region.height].every(inside) ||
    region.left + region.width > 1 ||
    region.top + region.height > 1
  ) {
    throw new RangeError(`region ${JSON.stringify(region)} is not inside the picture (fractions 0–1)`);
  }
  // Even offsets and sizes: 4:2:0 chroma is subsampled by two, and crop would round them anyway.
  const even = (value: number) => Math.max(2, Math.floor(value / 2) * 2);
  const w = even(region.width * width);
  const h = even(region.height * height);
  const x = Math.floor((region.left * width) / 2) * 2;
  const y = Math.floor((region.top * height) / 2) * 2;
  return { filter: `crop=${w}:${h}:${x}:${y}`, pixels: w * h };
}

function mean(bytes: Buffer, start: number, stride: number): number {
  let sum = 0;
  let count = 0;
  for (let i = start; i < bytes.length; i += stride) {
    sum += bytes[i];
    count++;
  }
  return count ? sum / count : NaN;
}
