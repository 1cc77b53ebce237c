/**
 * What ffmpeg may expect of a stored recording: the container it is parsed as and the only decoders it may open.
 * Nothing is guessed from the bytes, so a blob named `.mp4` that holds something else (an HLS playlist that would
 * make ffmpeg fetch other URLs, another codec's bitstream) is an error, not a new attack surface.
 */
export interface MediaInput {
  /** The forced demuxer (`-f`): `mov` reads MP4. */
  readonly demuxer: 'mov';
  /** ffmpeg's `-codec_whitelist`: probing and decoding open these decoders and no other. */
  readonly decoders: readonly string[];
  /** The one stream taken from the input (`-map 0:<stream>`). */
  readonly stream: 'v:0' | 'a:0';
}

/** A room composite as Egress writes it: an MP4 whose first video stream is H.264 (its audio is never decoded). */
export const H264_VIDEO_RECORDING: MediaInput = { demuxer: 'mov', decoders: ['h264'], stream: 'v:0' };

/** A sound-only recording (`audioOnly`): an MP4 whose one stream is AAC, drawn as its waveform. */
export const AAC_AUDIO_RECORDING: MediaInput = { demuxer: 'mov', decoders: ['aac'], stream: 'a:0' };

/** The protocols reading one blob needs, per URL scheme: no file, pipe, data, concat, subfile, crypto, hls… */
const PROTOCOLS: Readonly<Record<string, string>> = { 'http:': 'http,tcp', 'https:': 'https,tls,tcp' };

/**
 * ffmpeg's input side for one blob URL (a short-lived read-only SAS): the protocol whitelist, the forced demuxer
 * and decoders, the seek, the URL as the only `-i`, and the one stream kept — as it is, or through `graph`, a filter
 * that turns it into the one output stream (e.g. `showwavespic` for a waveform). Throws for anything but http(s).
 */
export function inputArguments(source: string, input: MediaInput, seekSeconds: number, graph?: string): string[] {
  const protocols = PROTOCOLS[new URL(source).protocol];
  if (!protocols) throw new RangeError(`ffmpeg reads recordings over http(s) only, not ${new URL(source).protocol}`);
  return [
    ...['-protocol_whitelist', protocols],
    ...['-f', input.demuxer, '-codec_whitelist', input.decoders.join(',')],
    // Before -i: a fast seek through the container's index (a ranged read), not decoding from the start.
    ...['-ss', String(seekSeconds), '-i', source],
    ...(graph === undefined ? ['-map', `0:${input.stream}`] : ['-filter_complex', `[0:${input.stream}]${graph}[out]`, '-map', '[out]']),
  ];
}
