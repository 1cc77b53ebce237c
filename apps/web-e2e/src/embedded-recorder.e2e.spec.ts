import { isMoovBeforeMdat, probeMedia, RelativeRegion } from '@recording/testing/media-checks';

import { expect, Page, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { ApiProcess, freePort, ROOT, startApi, stopApi } from './support/api-process';
import { expectVideoPlaying, liveEntry, remoteTiles, roomRecordingsList } from './support/call';
import { EMBEDDED_API_ENVIRONMENT_VARIABLE, SCREENSHOT_DIR } from './support/e2e-environment';
import { makeFakeMedia } from './support/fake-media';
import { joinWithFakeMedia, listenToPlayer, MediaParticipant, regionColour, saveFrame } from './support/media-call';
import { playAndSeek } from './support/player';
import { isAlive, killAndWait, processesMentioning, recorderChromium } from './support/processes';
import { DURATION_TOLERANCE_S, RoomRecordings, toneContrasts } from './support/room-recordings';
import { RoomState } from './support/room-state';

const ALICE = { name: 'Alice', colour: 'red', toneHz: 440 } as const;
const BOB = { name: 'Bob', colour: 'blue', toneHz: 1000 } as const;
const TONES = { alice: ALICE.toneHz, bob: BOB.toneHz };
/** A band where neither tone (nor a harmonic of one) plays. */
const SILENT_HZ = 2400;
/**
 * How far above the silent band an audible tone must be, and at most a silenced one (dB). Measured: audible 55-73, a
 * muted microphone's band -7 to +7 (codec noise, which is not flat across the spectrum).
 */
const AUDIBLE_DB = 20;
const INAUDIBLE_DB = 15;

/** Where the template (1280×720) puts the tiles, in fractions of the frame, away from captions and the badge. */
const GRID_LEFT: RelativeRegion = { left: 0.1, top: 0.32, width: 0.3, height: 0.2 };
const GRID_RIGHT: RelativeRegion = { left: 0.6, top: 0.32, width: 0.3, height: 0.2 };
const SPEAKER_MAIN: RelativeRegion = { left: 0.15, top: 0.3, width: 0.45, height: 0.3 };
const SPEAKER_STRIP: RelativeRegion = { left: 0.8, top: 0.43, width: 0.15, height: 0.1 };

function shot(name: string): string {
  return join(ROOT, SCREENSHOT_DIR, name);
}

/**
 * What a recording cut off `killedAtS` after it became active kept: a playable MP4 (H.264 + AAC, moov first) of the
 * call, neither empty nor longer than what was recorded. How much of the end is missing depends on how far the
 * capture lagged behind when it died (its last second at least, more under load): the figures say.
 */
async function expectKept(file: string, killedAtS: number): Promise<{ keptS: number; keptColours: string[] }> {
  const { durationS, streams } = await probeMedia(file);
  expect(streams.map((stream) => stream.codec).sort()).toEqual(['aac', 'h264']);
  expect(await isMoovBeforeMdat(file)).toBe(true);
  expect(durationS).toBeGreaterThan(1);
  expect(durationS).toBeLessThanOrEqual(killedAtS + DURATION_TOLERANCE_S);
  const colours = [await regionColour(file, durationS / 2, GRID_LEFT), await regionColour(file, durationS / 2, GRID_RIGHT)];
  expect(colours.map((region) => region.colour)).toEqual([ALICE.colour, BOB.colour]);
  return { keptS: durationS, keptColours: colours.map((region) => region.colour) };
}

/** Mutes or unmutes `page`'s microphone through the call view, whatever it was before. */
async function setMicrophone(page: Page, on: boolean): Promise<void> {
  // Exact names: "Mute microphone" is also a part of "Unmute microphone".
  const toggle = page.getByRole('button', { name: on ? 'Unmute microphone' : 'Mute microphone', exact: true });
  if (await toggle.isVisible()) await toggle.click();
  await expect(page.getByRole('button', { name: on ? 'Mute microphone' : 'Unmute microphone', exact: true })).toBeVisible();
}

/**
 * Recordings made by the embedded recorder (RECORDER=embedded: headless Chromium renders the SPA's recording template,
 * ffmpeg writes the MP4) of a call between two people on the real LiveKit server, each in a Chromium of their own
 * whose fake camera is one solid colour and whose fake microphone one tone, made by ffmpeg now. What the files hold
 * is measured with ffprobe/ffmpeg: codecs, length, where each camera is in the picture, which tones sound. This spec
 * runs its own API (it kills and restarts it) on the stack global setup started. The tests share the call but not
 * their order: each sets the microphones and options it needs, so after a failure (Playwright then starts the call
 * afresh for the rest) the others still run.
 */
test.describe('the embedded recorder records what the call shows and sounds', () => {
  let api: ApiProcess;
  let apiEnvironment: Record<string, string>;
  /** What each API process printed (one is killed and replaced), kept beside the screenshots. */
  const apiLogs: string[][] = [];
  let port: number;
  /** A room of its own each time the call is set up: people who left a room abruptly stay in it for a while. */
  let room: string;
  let workDir: string;
  let mediaDir: string;
  let rooms: RoomState;
  let recordings: RoomRecordings;
  let alice: MediaParticipant;
  let bob: MediaParticipant;

  async function startEmbeddedApi(): Promise<void> {
    api = await startApi(port, { ...apiEnvironment, RECORDER_WORK_DIR: workDir });
    apiLogs.push(api.output);
  }

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const environment = process.env[EMBEDDED_API_ENVIRONMENT_VARIABLE];
    if (!environment) throw new Error('The e2e global setup did not run');
    apiEnvironment = JSON.parse(environment) as Record<string, string>;
    rooms = new RoomState(apiEnvironment['LIVEKIT_URL']);
    workDir = mkdtempSync(join(tmpdir(), 'e2e-embedded-recorder-'));
    mediaDir = mkdtempSync(join(tmpdir(), 'e2e-fake-media-'));
    mkdirSync(shot(''), { recursive: true });
    port = await freePort();
    const [aliceMedia, bobMedia] = await Promise.all([makeFakeMedia(mediaDir, ALICE), makeFakeMedia(mediaDir, BOB)]);
    await startEmbeddedApi();
    const baseURL = `http://127.0.0.1:${port}`;
    room = `Media Room ${randomBytes(2).toString('hex')}`;
    alice = await joinWithFakeMedia(baseURL, room, ALICE.name, aliceMedia);
    // The template shows people in the order they joined, to the second: Alice's tile is the first (left) one.
    await sleep(1100);
    bob = await joinWithFakeMedia(baseURL, room, BOB.name, bobMedia);
    for (const page of [alice.page, bob.page]) await expectVideoPlaying(remoteTiles(page));
    recordings = new RoomRecordings(room, rooms, alice.context.request, mediaDir);
    // A stop with nothing to stop (409) takes the room's lock and asks LiveKit and storage, as every change does: the
    // first of these in a fresh process is the slowest, and the first recording's length is measured to the second.
    expect((await alice.context.request.post('/recordings/stop', { data: { roomName: room } })).status()).toBe(409);
  });

  test.afterAll(async () => {
    for (const participant of [alice, bob]) {
      await participant?.page
        .getByRole('button', { name: 'Leave' })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
      await participant?.browser.close();
    }
    if (api) await stopApi(api);
    // Whatever a killed API of this spec left running (its recorder's Chromium and ffmpeg name the work dir).
    if (workDir) await killAndWait(processesMentioning(workDir));
    // Beside the screenshots (global setup clears them), one per call set up: what the recorder said, and when.
    writeFileSync(shot(`embedded-recorder-api-${room?.slice(-4)}.log`), apiLogs.map((output) => output.join('')).join('\n'));
    rmSync(mediaDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
    const figures = { ...recordings?.figures, loadAverage: readFileSync('/proc/loadavg', 'utf8').trim() };
    console.log(`Embedded recorder media figures: ${JSON.stringify(figures, null, 2)}`);
  });

  test('npm start records: two people join, Start, Stop; the recording is listed with a poster of the call, plays with sound and seeks; the MP4 is H.264 + AAC of the recorded length with both cameras side by side and both tones', async () => {
    test.setTimeout(120_000);
    const { figures } = recordings;
    await setMicrophone(alice.page, true);
    await alice.page.getByLabel('Layout').selectOption('grid');
    const { name, activeLatencyMs, recordedS } = await recordings.record(alice.page, bob.page, 8);
    figures['grid.activeLatencyMs'] = activeLatencyMs;
    for (const participant of [alice, bob]) await recordings.waitUntilListed(participant.page, name);

    // The poster in the room's list is a frame of the call: Alice's red on the left, Bob's blue on the right.
    const card = roomRecordingsList(alice.page).getByRole('listitem').filter({ hasText: name });
    await expect.poll(() => card.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(640);
    const poster = await recordings.downloadPoster(name);
    await saveFrame(poster, 0, shot('embedded-poster-grid.png'));
    const posterColours = [await regionColour(poster, 0, GRID_LEFT), await regionColour(poster, 0, GRID_RIGHT)];
    figures['grid.posterColours'] = posterColours;
    expect(posterColours.map((region) => region.colour)).toEqual([ALICE.colour, BOB.colour]);
    await alice.page.screenshot({ path: shot('embedded-call-listed.png'), fullPage: true });

    // The player plays it with sound (both tones, heard through Web Audio) and seeks.
    await alice.page.getByRole('button', { name: `Play ${name}` }).click();
    const video = alice.page.getByRole('dialog').locator('video');
    const heard = await listenToPlayer(video, [ALICE.toneHz, BOB.toneHz], SILENT_HZ);
    figures['grid.playerLevelsDb'] = heard;
    expect(heard[String(ALICE.toneHz)] - heard[String(SILENT_HZ)]).toBeGreaterThan(AUDIBLE_DB);
    expect(heard[String(BOB.toneHz)] - heard[String(SILENT_HZ)]).toBeGreaterThan(AUDIBLE_DB);
    await playAndSeek(video);
    await alice.page.screenshot({ path: shot('embedded-player.png'), fullPage: true });
    await alice.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    const file = await recordings.download(name);
    const { streams } = await probeMedia(file);
    const picture = streams.find((stream) => stream.type === 'video');
    const sound = streams.find((stream) => stream.type === 'audio');
    expect({ video: picture?.codec, width: picture?.width, height: picture?.height, audio: sound?.codec, rate: sound?.sampleRate }).toEqual(
      { video: 'h264', width: 1280, height: 720, audio: 'aac', rate: 48000 },
    );
    expect(await isMoovBeforeMdat(file)).toBe(true);
    const durationS = await recordings.expectDuration(file, recordedS, 'grid.duration');
    const midS = durationS / 2;
    await saveFrame(file, midS, shot('embedded-grid-mid.png'));
    const colours = [await regionColour(file, midS, GRID_LEFT), await regionColour(file, midS, GRID_RIGHT)];
    figures['grid.midFrameColours'] = colours;
    expect(colours.map((region) => region.colour)).toEqual([ALICE.colour, BOB.colour]);
    const tones = await toneContrasts(file, TONES, SILENT_HZ);
    figures['grid.toneContrastDb'] = tones;
    expect(tones.alice).toBeGreaterThan(AUDIBLE_DB);
    expect(tones.bob).toBeGreaterThan(AUDIBLE_DB);
  });

  test('the speaker layout shows the one who speaks large: Alice muted, Bob talking fills the stage, Alice is in the strip', async () => {
    test.setTimeout(90_000);
    const { figures } = recordings;
    await setMicrophone(alice.page, false);
    await bob.page.getByLabel('Layout').selectOption('speaker');
    const { name, activeLatencyMs, recordedS } = await recordings.record(bob.page, bob.page, 7);
    figures['speaker.activeLatencyMs'] = activeLatencyMs;
    await recordings.waitUntilListed(bob.page, name);

    const file = await recordings.download(name);
    const durationS = await recordings.expectDuration(file, recordedS, 'speaker.duration');
    const atS = durationS * 0.6;
    await saveFrame(file, atS, shot('embedded-speaker.png'));
    const colours = { main: await regionColour(file, atS, SPEAKER_MAIN), strip: await regionColour(file, atS, SPEAKER_STRIP) };
    figures['speaker.frameColours'] = colours;
    expect({ main: colours.main.colour, strip: colours.strip.colour }).toEqual({ main: BOB.colour, strip: ALICE.colour });
    const tones = await toneContrasts(file, TONES, SILENT_HZ);
    figures['speaker.toneContrastDb'] = tones;
    expect(tones.bob).toBeGreaterThan(AUDIBLE_DB);
    expect(tones.alice).toBeLessThan(INAUDIBLE_DB);
  });

  test('a layout switch mid-recording shows in the file: a grid of both, then Bob alone (single speaker)', async () => {
    test.setTimeout(90_000);
    const { figures } = recordings;
    await setMicrophone(alice.page, false);
    await bob.page.getByLabel('Layout').selectOption('grid');
    let switchedAtS = 0;
    const { name, recordedS } = await recordings.record(bob.page, bob.page, 10, async (activeAt) => {
      await sleep(Math.max(0, activeAt + 4_500 - Date.now()));
      switchedAtS = (Date.now() - activeAt) / 1000;
      await alice.page.getByLabel('Layout').selectOption('single-speaker');
      await expect(alice.page.getByText('Switching layout…')).toBeHidden();
      await expect(bob.page.getByLabel('Layout')).toHaveValue('single-speaker');
    });
    figures['switch.switchedAtS'] = switchedAtS;
    await recordings.waitUntilListed(bob.page, name);

    const file = await recordings.download(name);
    const durationS = await recordings.expectDuration(file, recordedS, 'switch.duration');
    const beforeS = switchedAtS / 2;
    const afterS = durationS - 1.5;
    await saveFrame(file, beforeS, shot('embedded-switch-before.png'));
    await saveFrame(file, afterS, shot('embedded-switch-after.png'));
    const before = [await regionColour(file, beforeS, GRID_LEFT), await regionColour(file, beforeS, GRID_RIGHT)];
    const after = await Promise.all([GRID_LEFT, GRID_RIGHT, SPEAKER_STRIP].map((region) => regionColour(file, afterS, region)));
    figures['switch.colours'] = { beforeS, before, afterS, after };
    expect(before.map((region) => region.colour)).toEqual([ALICE.colour, BOB.colour]);
    expect(after.map((region) => region.colour)).toEqual([BOB.colour, BOB.colour, BOB.colour]);
  });

  test('audio only records sound and no picture; its poster is a 640×360 picture of its waveform', async () => {
    test.setTimeout(90_000);
    const { figures } = recordings;
    await bob.page.getByLabel('Audio only').check();
    const { name, recordedS } = await recordings.record(bob.page, bob.page, 6);
    await recordings.waitUntilListed(bob.page, name);
    await bob.page.getByLabel('Audio only').uncheck();

    const file = await recordings.download(name);
    expect((await probeMedia(file)).streams.map((stream) => `${stream.type}:${stream.codec}`)).toEqual(['audio:aac']);
    await recordings.expectDuration(file, recordedS, 'audioOnly.duration');
    const tones = await toneContrasts(file, TONES, SILENT_HZ);
    figures['audioOnly.toneContrastDb'] = tones;
    expect(tones.bob).toBeGreaterThan(AUDIBLE_DB);

    const poster = await recordings.downloadPoster(name);
    await saveFrame(poster, 0, shot('embedded-poster-audio-only.png'));
    const [image] = (await probeMedia(poster)).streams;
    expect({ codec: image.codec, width: image.width, height: image.height }).toEqual({ codec: 'mjpeg', width: 640, height: 360 });
    // The app's dark ground in the corners, the blue wave across the middle.
    const ground = await regionColour(poster, 0, { left: 0, top: 0, width: 0.1, height: 0.1 });
    const wave = await regionColour(poster, 0, { left: 0.05, top: 0.47, width: 0.9, height: 0.06 });
    figures['audioOnly.poster'] = { ground: ground.rgb, wave: wave.rgb };
    expect(Math.max(...ground.rgb)).toBeLessThan(40);
    expect(wave.rgb[2]).toBeGreaterThan(120);
  });

  test('a recorder killed mid-way ends failed with its reason, keeps what it captured, and the room records again', async () => {
    test.setTimeout(120_000);
    const { figures } = recordings;
    await alice.page.getByLabel('Layout').selectOption('grid');
    await alice.page.getByRole('button', { name: 'Start recording' }).click();
    const { recording, seenAt: activeAt } = await rooms.waitForRecording(room, 'active');
    await sleep(Math.max(0, activeAt + 5_000 - Date.now()));
    // Only the recorder's own Chromium: the processes whose command line names this API's RECORDER_WORK_DIR.
    const chromium = recorderChromium(workDir);
    expect(chromium.root).toBeDefined();
    const killedAtS = (Date.now() - activeAt) / 1000;
    await killAndWait(chromium.all);
    expect(chromium.all.filter(isAlive)).toEqual([]);

    const { recording: failed } = await rooms.waitForRecording(room, 'failed', { name: recording.name });
    figures['killed'] = { killedAtS, reason: failed.error };
    // Chromium's death shows first as its page closing, or as the browser exiting: either names what broke.
    expect(failed.error).toMatch(/Chromium exited while recording|the recorded page (crashed|closed)/);
    for (const participant of [alice, bob]) {
      await expect(participant.page.getByRole('alert').filter({ hasText: 'Recording failed' })).toContainText(failed.error!);
      await expect(liveEntry(participant.page)).toContainText('Failed');
    }
    await alice.page.screenshot({ path: shot('embedded-killed.png'), fullPage: true });
    await recordings.waitUntilListed(alice.page, recording.name);
    expect((await recordings.listed(recording.name)).status).toBe('failed');
    const kept = await recordings.download(recording.name);
    figures['killed'] = { ...(figures['killed'] as object), ...(await expectKept(kept, killedAtS)) };

    const again = await recordings.record(alice.page, alice.page, 4);
    await recordings.waitUntilListed(alice.page, again.name);
    expect((await recordings.listed(again.name)).status).toBe('complete');
    await recordings.expectDuration(await recordings.download(again.name), again.recordedS, 'afterKill.duration');
  });

  test('an API killed mid-recording and started again finishes what its recorder left (failed, with what was captured) and takes the recorder out of the room', async () => {
    test.setTimeout(180_000);
    const { figures } = recordings;
    await alice.page.getByLabel('Layout').selectOption('grid');
    await alice.page.getByRole('button', { name: 'Start recording' }).click();
    const { recording, seenAt: activeAt } = await rooms.waitForRecording(room, 'active');
    await sleep(Math.max(0, activeAt + 5_000 - Date.now()));
    const killedAtS = (Date.now() - activeAt) / 1000;
    await stopApi(api, 'SIGKILL');
    // Its recording's folder is named by the recorder's id; its Chromium (orphaned, still in the room) and ffmpeg live on.
    const [recorderId] = readdirSync(workDir);
    const leftBehind = { recorderId, recorders: await rooms.recorders(room), processes: processesMentioning(workDir).length };
    expect(leftBehind.recorders).toContain(recorderId);

    await startEmbeddedApi();
    // Within seconds, unless the killed API held the room's lock (a lease on a blob): then once the lease expires (60 s).
    const { recording: failed, seenAt } = await rooms.waitForRecording(room, 'failed', { name: recording.name, timeoutMs: 100_000 });
    figures['restart'] = { killedAtS, leftBehind, reason: failed.error, killToFailedSeenMs: seenAt - activeAt - killedAtS * 1000 };
    expect(failed.error).toMatch(/recorder stopped while recording.*kept/);
    await expect.poll(() => rooms.recorders(room)).not.toContain(recorderId);
    expect(processesMentioning(workDir)).toEqual([]);
    await expect(alice.page.getByRole('alert').filter({ hasText: 'Recording failed' })).toContainText(failed.error!);
    await recordings.waitUntilListed(alice.page, recording.name);
    await alice.page.screenshot({ path: shot('embedded-restart-recovered.png'), fullPage: true });
    expect((await recordings.listed(recording.name)).status).toBe('failed');
    const kept = await recordings.download(recording.name);
    figures['restart'] = { ...(figures['restart'] as object), ...(await expectKept(kept, killedAtS)) };
  });
});
