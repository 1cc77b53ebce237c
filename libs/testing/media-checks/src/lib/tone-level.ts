import { runMediaTool } from './media-tools';

/**
 * Three band-pass stages (Q 8, 0 dB at the centre): one alone lets a tone an octave away through at only about −23 dB,
 * so two tones in one file (two people's) would each seem to sound in the other's band; three take that to about −70 dB.
 */
const BAND_STAGES = 3;

/**
 * Mean level (dBFS) of the sound in a narrow band around `centreHz` over the whole file (or `fromS`..`toS`):
 * a tone shows as a level far above the same measure in a band where nothing was played.
 */
export async function bandLevel(file: string, centreHz: number, range: { fromS?: number; toS?: number } = {}): Promise<number> {
  const window = [
    ...(range.fromS === undefined ? [] : ['-ss', String(range.fromS)]),
    ...(range.toS === undefined ? [] : ['-to', String(range.toS)]),
  ];
  const { stderr } = await runMediaTool('ffmpeg', [
    ...window,
    '-i',
    file,
    '-vn',
    '-af',
    `${Array(BAND_STAGES).fill(`bandpass=f=${centreHz}:width_type=q:w=8`).join(',')},volumedetect`,
    '-f',
    'null',
    '-',
  ]);
  const match = /mean_volume:\s*(-?[\d.]+|-inf) dB/.exec(stderr);
  if (!match) throw new Error(`${file}: no audio to measure (ffmpeg: ${stderr.trim().split('\n').slice(-2).join(' | ')})`);
  return match[1] === '-inf' ? -Infinity : Number(match[1]);
}

export interface ToneContrast {
  toneDb: number;
  silentBandDb: number;
  /** How far the tone stands above the silent band, in dB. */
  contrastDb: number;
}

/** The level of a tone at `toneHz` against a band at `silentHz` where nothing was played. */
export async function toneContrast(file: string, toneHz: number, silentHz: number): Promise<ToneContrast> {
  const [toneDb, silentBandDb] = await Promise.all([bandLevel(file, toneHz), bandLevel(file, silentHz)]);
  return { toneDb, silentBandDb, contrastDb: toneDb - silentBandDb };
}
