import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { RecordedFile } from './mp4-finalize';
import { RecorderMeta, RecorderState } from './recorder-types';
import { RecorderVideo } from './recorder-video';

const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function assertSessionId(id: string): void {
  if (typeof id !== 'string' || !SESSION_ID.test(id)) {
    throw new RangeError(`recording id ${JSON.stringify(id)} must be 1–128 letters, digits, "_" or "-"`);
  }
}

/** The sidecar beside a capture: enough to finish it and report it after the process that made it died. */
export interface SessionRecord {
  id: string;
  meta: RecorderMeta;
  audioOnly: boolean;
  video: RecorderVideo;
  state: RecorderState;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  reason?: string;
  file?: RecordedFile;
}

/**
 * One recording's folder in the work dir: `session.json` (the sidecar, replaced atomically), `capture.mp4`
 * (ffmpeg's live fragmented MP4), `recording.mp4` (the finished file, `moov` first) and `profile/` (Chromium's
 * profile, removed when the browser is done).
 */
export class SessionFiles {
  readonly dir: string;

  constructor(
    workDir: string,
    readonly id: string,
  ) {
    assertSessionId(id);
    this.dir = join(resolve(workDir), id);
  }

  get sidecar(): string {
    return join(this.dir, 'session.json');
  }
  get capture(): string {
    return join(this.dir, 'capture.mp4');
  }
  get output(): string {
    return join(this.dir, 'recording.mp4');
  }
  get profile(): string {
    return join(this.dir, 'profile');
  }

  async create(record: SessionRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await this.write(record);
  }

  async write(record: SessionRecord): Promise<void> {
    const partial = `${this.sidecar}.partial`;
    await writeFile(partial, JSON.stringify(record, null, 2));
    await rename(partial, this.sidecar);
  }

  async read(): Promise<SessionRecord | undefined> {
    try {
      const record = JSON.parse(await readFile(this.sidecar, 'utf8')) as SessionRecord;
      return record && record.id === this.id ? record : undefined;
    } catch {
      return undefined;
    }
  }

  removeProfile(): Promise<void> {
    return rm(this.profile, { recursive: true, force: true, maxRetries: 3 });
  }

  removeCapture(): Promise<void> {
    return rm(this.capture, { force: true });
  }

  removeAll(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Ids of the session folders in `workDir` (anything else there is left alone). */
export async function sessionIdsIn(workDir: string): Promise<string[]> {
  const entries = await readdir(workDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory() && SESSION_ID.test(entry.name)).map((entry) => entry.name);
}
