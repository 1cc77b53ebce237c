import { spawn } from 'node:child_process';

/** Debian's ffmpeg and ffprobe from PATH, unless FFMPEG_PATH / FFPROBE_PATH name others. */
export function mediaToolPaths(): { ffmpeg: string; ffprobe: string } {
  return { ffmpeg: process.env['FFMPEG_PATH'] || 'ffmpeg', ffprobe: process.env['FFPROBE_PATH'] || 'ffprobe' };
}

const INSTALL_HINT = 'Install them with: apt-get install -y --no-install-recommends ffmpeg (or set FFMPEG_PATH / FFPROBE_PATH).';

export interface ToolOutput {
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs ffmpeg or ffprobe to the end and returns what it printed; a non-zero exit throws with the end of its
 * stderr. `onStdout` takes the output as it comes instead (long decodes never sit in memory whole).
 */
export function runMediaTool(
  tool: 'ffmpeg' | 'ffprobe',
  args: readonly string[],
  options: { onStdout?: (chunk: Buffer) => void; timeoutMs?: number } = {},
): Promise<ToolOutput> {
  const path = mediaToolPaths()[tool];
  return new Promise((resolve, reject) => {
    const child = spawn(path, ['-hide_banner', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.stdout.on('data', (chunk: Buffer) => (options.onStdout ? options.onStdout(chunk) : stdout.push(chunk)));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Keep the end: that is where ffmpeg says what went wrong.
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const missing =
        error.code === 'ENOENT' ? `${tool} was not found at ${path}. ${INSTALL_HINT}` : `${tool} could not run: ${error.message}`;
      reject(new Error(missing, { cause: error }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout: Buffer.concat(stdout), stderr });
      else
        reject(
          new Error(`${tool} ${args.join(' ')} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`),
        );
    });
  });
}

/** ffmpeg's input arguments for a lavfi source: a filter graph that generates a picture or a sound. */
export const lavfi = (source: string): string[] => ['-f', 'lavfi', '-i', source];

/** Writes `output` with ffmpeg (quiet, overwriting) from `args`: inputs such as {@link lavfi}'s, then output options. */
export async function generateMedia(output: string, args: readonly string[]): Promise<void> {
  await runMediaTool('ffmpeg', ['-v', 'error', '-y', ...args, output]);
}
