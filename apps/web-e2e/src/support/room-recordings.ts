import { ListRecordingsResponse, Recording } from '@recording/contracts';
import { bandLevel, probeMedia } from '@recording/testing/media-checks';

import { APIRequestContext, expect, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { recordingBanner, roomRecordingsList } from './call';
import { RoomState } from './room-state';

/** Issue 18: a file's length matches the time from `active` to the stop request, by the test's clock, within this. */
export const DURATION_TOLERANCE_S = 1.5;

export interface MadeRecording {
  name: string;
  /** From the click on Start to the room saying the recording is active. */
  activeLatencyMs: number;
  /** From the room saying it is active to the browser sending the stop request, by this machine's clock. */
  recordedS: number;
}

/**
 * Records one room through its people's call views and reads back what was stored: the room's state from LiveKit
 * (the API's news in its metadata), the list and the files through the API with a participant's credential. Keeps
 * the figures it measures (latencies, lengths) for the run's report.
 */
export class RoomRecordings {
  readonly figures: Record<string, unknown> = {};

  constructor(
    readonly roomName: string,
    private readonly rooms: RoomState,
    private readonly request: APIRequestContext,
    private readonly downloadDir: string,
  ) {}

  /**
   * Starts a recording from `starter`'s call view, waits until the API reports it active (room metadata, polled),
   * runs `during` then, lets it record `seconds` from `active` by the test's clock, and stops it from `stopper`'s.
   */
  async record(starter: Page, stopper: Page, seconds: number, during?: (activeAt: number) => Promise<void>): Promise<MadeRecording> {
    const clickedAt = Date.now();
    await starter.getByRole('button', { name: 'Start recording' }).click();
    const { recording, seenAt: activeAt } = await this.rooms.waitForRecording(this.roomName, 'active');
    await expect(recordingBanner(starter)).toHaveText('Recording');
    await during?.(activeAt);
    await sleep(Math.max(0, activeAt + seconds * 1000 - Date.now()));
    // The stop request counts from when the browser sends it (a click under load may take a second to get there).
    const stopRequest = stopper.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/recordings/stop'));
    await stopper.getByRole('button', { name: 'Stop recording' }).click();
    const sent = await stopRequest;
    await sent.response();
    const stopRequestedAt = sent.timing().startTime;
    this.figures[`timeline.${recording.name}`] = {
      clickedToActiveSeenMs: activeAt - clickedAt,
      fileStartToActiveSeenMs: activeAt - (recording.startedAt ?? NaN),
      stopRequestedAt: new Date(stopRequestedAt).toISOString(),
    };
    return { name: recording.name, activeLatencyMs: activeAt - clickedAt, recordedS: (stopRequestedAt - activeAt) / 1000 };
  }

  /** The recording as `GET /recordings?roomName=` lists it. */
  async listed(name: string): Promise<Recording> {
    const response = await this.request.get(`/recordings?roomName=${encodeURIComponent(this.roomName)}`);
    expect(response.ok()).toBe(true);
    const recording = ((await response.json()) as ListRecordingsResponse).recordings.find((entry) => entry.name === name);
    if (!recording) throw new Error(`${name} is not listed`);
    return recording;
  }

  /** The room's list in `page` shows it (without a reload); by then its recorder has left the room. */
  async waitUntilListed(page: Page, name: string): Promise<void> {
    await expect(roomRecordingsList(page).getByRole('button', { name: `Play ${name}` })).toBeVisible({ timeout: 60_000 });
    // Else LiveKit would still say the room is recording.
    await expect.poll(() => this.rooms.recorders(this.roomName), { timeout: 5_000 }).toEqual([]);
  }

  /** The stored MP4, read through the API as the SPA's player does, saved to a file. */
  async download(name: string): Promise<string> {
    const response = await this.request.get(`/recordings/${encodeURIComponent(name)}`);
    expect(response.status()).toBe(200);
    const file = join(this.downloadDir, name);
    writeFileSync(file, await response.body());
    return file;
  }

  /** The poster the API serves for it (a JPEG), saved to a file. */
  async downloadPoster(name: string): Promise<string> {
    const response = await this.request.get((await this.listed(name)).posterUrl!);
    expect(response.headers()['content-type']).toBe('image/jpeg');
    const file = join(this.downloadDir, `${name}.jpg`);
    writeFileSync(file, await response.body());
    return file;
  }

  /**
   * The file's length against `recordedS`, within {@link DURATION_TOLERANCE_S}; soft, so what the file shows is
   * still checked (and its figures kept) when its length is off. Returns the length.
   */
  async expectDuration(file: string, recordedS: number, label: string): Promise<number> {
    const { durationS } = await probeMedia(file);
    this.figures[label] = { fileS: durationS, recordedByTestClockS: recordedS };
    expect
      .soft(Math.abs(durationS - recordedS), `${label}: ${durationS} s in the file, ${recordedS} s recorded`)
      .toBeLessThanOrEqual(DURATION_TOLERANCE_S);
    return durationS;
  }
}

/** How far each tone stands above a band where nothing played, in dB (band-pass levels over the whole file). */
export async function toneContrasts<T extends string>(
  file: string,
  tonesHz: Record<T, number>,
  silentHz: number,
): Promise<Record<T, number>> {
  const names = Object.keys(tonesHz) as T[];
  const [silentDb, ...levels] = await Promise.all([bandLevel(file, silentHz), ...names.map((name) => bandLevel(file, tonesHz[name]))]);
  return Object.fromEntries(names.map((name, index) => [name, Math.round((levels[index] - silentDb) * 10) / 10])) as Record<T, number>;
}
