import { AAC_AUDIO_RECORDING, H264_VIDEO_RECORDING, inputArguments } from './media-input';

const SAS = 'https://acct.blob.core.windows.net/c/recordings/a.mp4?sv=2025&sig=abc';

describe('inputArguments', () => {
  it('reads an https blob with https, tls and tcp only, as an MP4 with H.264 only, the URL as the one input', () => {
    expect(inputArguments(SAS, H264_VIDEO_RECORDING, 1)).toEqual([
      ...['-protocol_whitelist', 'https,tls,tcp'],
      ...['-f', 'mov', '-codec_whitelist', 'h264'],
      ...['-ss', '1', '-i', SAS],
      ...['-map', '0:v:0'],
    ]);
  });

  it('allows plain http and tcp for an http endpoint (Azurite)', () => {
    const args = inputArguments('http://127.0.0.1:10000/devstoreaccount1/c/a.mp4?sig=x', H264_VIDEO_RECORDING, 0);
    expect(args.slice(0, 2)).toEqual(['-protocol_whitelist', 'http,tcp']);
    expect(args.filter((arg) => arg === '-i')).toHaveLength(1);
  });

  it('takes an audio stream with its own decoder when asked (a waveform of an audio-only recording)', () => {
    const args = inputArguments(SAS, AAC_AUDIO_RECORDING, 0);
    expect(args).toEqual(expect.arrayContaining(['-codec_whitelist', 'aac', '-map', '0:a:0']));
  });

  it('draws the one stream through a filter into the one output stream when given a graph', () => {
    const args = inputArguments(SAS, AAC_AUDIO_RECORDING, 0, 'showwavespic=s=640x360');
    expect(args.slice(-4)).toEqual(['-filter_complex', '[0:a:0]showwavespic=s=640x360[out]', '-map', '[out]']);
    expect(args.filter((arg) => arg === '-map')).toHaveLength(1);
  });

  it.each(['file:///etc/passwd', 'hls+http://example.com/a.m3u8', 'concat:/a|/b', 'ftp://example.com/a.mp4'])(
    'refuses the source %s',
    (source) => {
      expect(() => inputArguments(source, H264_VIDEO_RECORDING, 0)).toThrow();
    },
  );
});
