/**
 * File name resolution of a LiveKit egress file output (livekit/egress `pkg/config/output_file.go`,
 * protocol notes §3.1–3.2). Pure: the clock is a parameter.
 */

export type OutputFileType = 'MP4' | 'OGG' | 'MP3';

export interface FilenameInput {
  /** `EncodedFileOutput.filepath` as requested (may be empty). */
  filepath: string;
  fileType: OutputFileType;
  roomName: string;
  roomId: string;
  now: Date;
}

const EXTENSION: Record<OutputFileType, string> = { MP4: '.mp4', OGG: '.ogg', MP3: '.mp3' };

/** Extensions egress recognises as "a wrong extension to replace" rather than part of the name. */
const KNOWN_EXTENSIONS = new Set(['.raw', '.ogg', '.mp3', '.ivf', '.mp4', '.ts', '.webm', '.m3u8', '.jpeg']);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `{time}`: Go layout `2006-01-02T150405`. Egress containers run in UTC, so UTC is used here. */
export function formatTime(d: Date): string {
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
  );
}

/** `{utc}`: `20060102150405` followed by 3-digit milliseconds. */
export function formatUtc(d: Date): string {
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** Go's `path.Clean` (lexical only), which egress applies before templating. */
export function goPathClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** egress `clean()`: Go Clean, leading `../` stripped, `.`/`..` become empty, a trailing `/` survives. */
export function cleanFilepath(filepath: string): string {
  const hasEnding = filepath.endsWith('/');
  let cleaned = goPathClean(filepath);
  while (cleaned.startsWith('../')) cleaned = cleaned.slice(3);
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return '';
  return hasEnding ? cleaned + '/' : cleaned;
}

/** The storage path egress writes (`FileInfo.filename`) for a room-composite file output. */
export function resolveFilename(input: FilenameInput): string {
  const time = formatTime(input.now);
  const ext = EXTENSION[input.fileType];
  let filepath = cleanFilepath(input.filepath)
    .replaceAll('{room_name}', input.roomName)
    .replaceAll('{room_id}', input.roomId)
    .replaceAll('{time}', time)
    .replaceAll('{utc}', formatUtc(input.now));

  // An empty path or a directory gets a generated `<room_name>-<time>` name (Go path.Join drops the slash).
  if (filepath === '' || filepath.endsWith('/')) {
    return `${filepath}${input.roomName}-${time}${ext}`;
  }
  if (!filepath.endsWith(ext)) {
    const dot = filepath.lastIndexOf('.');
    if (dot > 0 && KNOWN_EXTENSIONS.has(filepath.slice(dot))) filepath = filepath.slice(0, dot);
    filepath += ext;
  }
  return filepath;
}
