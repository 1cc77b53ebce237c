import { parseRoomRecording, RecordingStatus } from '@recording/contracts';
import { BrowserParticipant } from '@recording/testing/livekit-browser';

import { TrackType } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { note } from '../progress';
import { RoomClient } from './api-calls';
import { childTreesNamed, treesMentioning } from './process-usage';
import { parseVideo, RecorderCell } from './recorder-plan';
import { RecorderApi, RecorderStack } from './recorder-stack';
import { UsageFigures, UsageSampler } from './usage-sampler';

/** What one recording run measured live; the file is analysed afterwards, once the machine is free again. */
export interface RecordingRun {
  cell: RecorderCell;
  roomName: string;
  name: string;
  /** From the start request until a participant saw the room's recording `active`. */
  startToActiveMs: number;
  /** Test clock from `active` (seen by a participant) to the stop request. */
  activeToStopMs: number;
  /** From the stop request until the room's list showed the recording. */
  stopToListedMs: number;
  /** Epoch ms at which the file's time zero lies, as the room's metadata says once active. */
  fileStartedAt?: number;
  /** Epoch ms of the stop request. */
  stoppedAt: number;
  listed: { status?: RecordingStatus; durationS?: number; sizeBytes: number };
  usage: UsageFigures;
  /** 1-minute load average just before the start request and once the recording was listed. */
  load: { before: number; after: number };
  file: string;
}

const PUBLISHED_TIMEOUT_MS = 30_000;
const ACTIVE_TIMEOUT_MS = 90_000;
const LISTED_TIMEOUT_MS = 180_000;
/** The participants' encoders settle before the recording starts. */
const SETTLE_MS = 3_000;

/**
 * One recording through the API: N participants join with tokens from `POST /token` and publish; the first one
 * starts the recording, waits until the room says `active`, lets it record, stops it, and waits until the room's
 * list shows it; then downloads it into `dir`. CPU and memory are sampled from `active` to the stop request.
 */
export async function recordRoom(
  stack: RecorderStack,
  api: RecorderApi,
  cell: RecorderCell,
  dir: string,
  sampleEveryMs: number,
): Promise<RecordingRun> {
  const roomName = `Bench ${cell.participants}p ${cell.video.replace('@', ' at ')} ${randomBytes(3).toString('hex')}`;
  const video = parseVideo(cell.video);
  const participants: BrowserParticipant[] = [];
  try {
    const clients: RoomClient[] = [];
    for (let i = 1; i <= cell.participants; i++) {
      const client = await RoomClient.join(api.url, roomName, `Person ${i}`);
      clients.push(client);
      participants.push(
        await stack.browser.join(stack.liveKit.wsUrl, client.token, { publish: { source: cell.source, video }, autoSubscribe: false }),
      );
    }
    await waitUntilPublished(stack, roomName, cell.participants);
    await sleep(SETTLE_MS);
    const [host] = clients;
    const loadBefore = loadavg()[0];

    const startAt = performance.now();
    const { name } = (await host.start()).recording;
    const active = await participants[0].waitFor((event) => {
      if (event.type !== 'roomMetadataChanged') return false;
      const recording = parseRoomRecording(event.metadata);
      return recording?.name === name && recording.status === 'active';
    }, ACTIVE_TIMEOUT_MS);
    const activeAt = performance.now();
    const sampler = new UsageSampler(
      {
        recorder: (processes) => treesMentioning(api.workDir, processes),
        api: () => [api.pid],
        participants: (processes) => childTreesNamed('chromium', processes),
        livekit: (processes) => childTreesNamed('livekit-server', processes),
      },
      sampleEveryMs,
    );
    sampler.start();
    note(`active after ${Math.round(activeAt - startAt)} ms; recording for ${cell.seconds} s`);
    await sleep(cell.seconds * 1000);

    const stopAt = performance.now();
    const stoppedAt = Date.now();
    const usage = sampler.stop();
    await host.stop();
    const listed = await waitUntilListed(host, name);
    const listedAt = performance.now();
    const loadAfter = loadavg()[0];
    const file = join(dir, `${cell.participants}p-${cell.video}-${cell.source}-${roomName.slice(-6)}.mp4`);
    await host.download(name, file);
    return {
      cell,
      roomName,
      name,
      startToActiveMs: activeAt - startAt,
      activeToStopMs: stopAt - activeAt,
      stopToListedMs: listedAt - stopAt,
      fileStartedAt: active.type === 'roomMetadataChanged' ? parseRoomRecording(active.metadata)?.startedAt : undefined,
      stoppedAt,
      listed: { status: listed.status, durationS: listed.duration, sizeBytes: listed.size },
      usage,
      load: { before: loadBefore, after: loadAfter },
      file,
    };
  } finally {
    await Promise.all(participants.map((participant) => participant.leave()));
  }
}

/** Until LiveKit has every participant in the room with a camera and a microphone published. */
async function waitUntilPublished(stack: RecorderStack, roomName: string, count: number): Promise<void> {
  const deadline = Date.now() + PUBLISHED_TIMEOUT_MS;
  for (;;) {
    const participants = await stack.rooms.listParticipants(roomName);
    const publishing = participants.filter((p) =>
      [TrackType.AUDIO, TrackType.VIDEO].every((type) => p.tracks.some((t) => t.type === type)),
    );
    if (publishing.length === count) return;
    if (Date.now() > deadline)
      throw new Error(`${publishing.length} of ${count} participants publish after ${PUBLISHED_TIMEOUT_MS / 1000} s`);
    await sleep(200);
  }
}

/** Until the room's list shows the recording as stored (complete, or failed with a file). */
async function waitUntilListed(client: RoomClient, name: string): Promise<{ status?: RecordingStatus; duration?: number; size: number }> {
  const deadline = Date.now() + LISTED_TIMEOUT_MS;
  for (;;) {
    const recording = (await client.list()).find((listed) => listed.name === name);
    if (recording) return recording;
    if (Date.now() > deadline) throw new Error(`${name} is not listed ${LISTED_TIMEOUT_MS / 1000} s after the stop request`);
    await sleep(100);
  }
}
