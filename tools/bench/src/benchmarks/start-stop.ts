import { recordingFilepathTemplate } from '@recording/contracts';
import { LiveKitEmulator } from '@recording/testing/livekit-emulator';

import { AzureBlobUpload, EgressClient, EncodedFileOutput, EncodedFileType } from 'livekit-server-sdk';
import { performance } from 'node:perf_hooks';

import { Measurements } from '../metrics';
import { LIVEKIT_API_KEY, RECORDINGS_PATH } from '../stack';
import { median } from '../stats';
import { WORKLOAD } from '../workload';

export interface StartStopTargets {
  apiUrl: string;
  emulator: LiveKitEmulator;
  livekitSecret: string;
  storage: { accountName: string; accountKey: string; containerName: string };
}

const ROOM = 'bench-call';

/**
 * Start and stop through the API against the same calls made straight to LiveKit (the emulator), in
 * alternation: what the API adds (validation, the room's lock, its checks) is the difference.
 */
export async function benchmarkStartStop(
  targets: StartStopTargets,
  plan = WORKLOAD.startStop,
): Promise<{ measurements: Measurements; failures: number }> {
  targets.emulator.addParticipant(ROOM, 'bench-host');
  const egress = new EgressClient(targets.emulator.url, LIVEKIT_API_KEY, targets.livekitSecret);
  const output = new EncodedFileOutput({
    fileType: EncodedFileType.MP4,
    filepath: recordingFilepathTemplate(RECORDINGS_PATH),
    disableManifest: true,
    output: { case: 'azure', value: new AzureBlobUpload(targets.storage) },
  });
  const times = { directStart: [] as number[], directStop: [] as number[], apiStart: [] as number[], apiStop: [] as number[] };
  let failures = 0;

  const timed = async <T>(into: number[], call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await call();
    into.push(performance.now() - started);
    return result;
  };
  const post = async (path: string) => {
    const response = await fetch(`${targets.apiUrl}/recordings/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roomName: ROOM }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) failures++;
  };

  for (let iteration = 0; iteration < plan.iterations; iteration++) {
    try {
      const info = await timed(times.directStart, () => egress.startRoomCompositeEgress(ROOM, output));
      await timed(times.directStop, () => egress.stopEgress(info.egressId));
    } catch {
      failures++;
    }
    await timed(times.apiStart, () => post('start'));
    await timed(times.apiStop, () => post('stop'));
  }
  return {
    measurements: {
      'startStop.start': { direct: median(times.directStart), api: median(times.apiStart) },
      'startStop.stop': { direct: median(times.directStop), api: median(times.apiStop) },
    },
    failures,
  };
}
