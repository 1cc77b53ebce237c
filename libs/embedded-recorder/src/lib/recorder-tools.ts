import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What installs both tools on Debian and in the Debian-based image. */
export const RECORDER_TOOLS_INSTALL_COMMAND = 'apt-get install -y --no-install-recommends chromium ffmpeg';

export interface RecorderToolPaths {
  chromiumPath: string;
  ffmpegPath: string;
}

export type RecorderToolsCheck =
  { ok: true; chromiumVersion: string; ffmpegVersion: string } | { ok: false; problems: string[]; installCommand: string; message: string };

/**
 * Checks that Chromium and ffmpeg run and that this ffmpeg can write AAC into MP4. Never throws: a failed check
 * lists every problem and the command that installs both.
 */
export async function checkRecorderTools(paths: RecorderToolPaths): Promise<RecorderToolsCheck> {
  const problems: string[] = [];
  const chromiumVersion = await versionOf(paths.chromiumPath, ['--version'], 'Chromium', problems);
  const ffmpegVersion = await versionOf(paths.ffmpegPath, ['-hide_banner', '-version'], 'ffmpeg', problems);
  if (ffmpegVersion) {
    try {
      const { stdout } = await run(paths.ffmpegPath, ['-hide_banner', '-encoders'], { timeout: 10_000 });
      if (!/^\s*A\S*\s+aac\s/m.test(stdout)) problems.push(`ffmpeg at ${paths.ffmpegPath} has no AAC encoder`);
    } catch (error) {
      problems.push(`ffmpeg at ${paths.ffmpegPath} could not list its encoders: ${(error as Error).message}`);
    }
  }
  if (problems.length === 0 && chromiumVersion && ffmpegVersion) return { ok: true, chromiumVersion, ffmpegVersion };
  return {
    ok: false,
    problems,
    installCommand: RECORDER_TOOLS_INSTALL_COMMAND,
    message: `The embedded recorder needs Chromium and ffmpeg: ${problems.join('; ')}. Install them with: ${RECORDER_TOOLS_INSTALL_COMMAND}`,
  };
}

async function versionOf(path: string, args: string[], name: string, problems: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run(path, args, { timeout: 15_000 });
    const firstLine = stdout.trim().split('\n')[0];
    if (firstLine) return firstLine;
    problems.push(`${name} at ${path} printed no version`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(code === 'ENOENT' ? `${name} was not found at ${path}` : `${name} at ${path} did not run: ${(error as Error).message}`);
  }
  return undefined;
}
