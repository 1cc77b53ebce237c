import { checkRecorderTools, RECORDER_TOOLS_INSTALL_COMMAND } from './recorder-tools';

const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const FFMPEG = process.env['FFMPEG_PATH'] || 'ffmpeg';

describe('checkRecorderTools', () => {
  it('finds Debian’s Chromium and ffmpeg with AAC', async () => {
    const check = await checkRecorderTools({ chromiumPath: CHROMIUM, ffmpegPath: FFMPEG });
    expect(check).toMatchObject({
      ok: true,
      chromiumVersion: expect.stringMatching(/Chromium \d+/),
      ffmpegVersion: expect.stringMatching(/^ffmpeg version/),
    });
  });

  it('names every missing tool and the command that installs them', async () => {
    const check = await checkRecorderTools({ chromiumPath: '/nonexistent/chromium', ffmpegPath: '/nonexistent/ffmpeg' });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual(['Chromium was not found at /nonexistent/chromium', 'ffmpeg was not found at /nonexistent/ffmpeg']);
    expect(check.installCommand).toBe('apt-get install -y --no-install-recommends chromium ffmpeg');
    expect(check.message).toContain(RECORDER_TOOLS_INSTALL_COMMAND);
  });

  it('says so when a tool is there but is not what it should be', async () => {
    const check = await checkRecorderTools({ chromiumPath: CHROMIUM, ffmpegPath: '/bin/false' });
    expect(check).toMatchObject({ ok: false, problems: [expect.stringMatching(/^ffmpeg at \/bin\/false did not run/)] });
  });
});
