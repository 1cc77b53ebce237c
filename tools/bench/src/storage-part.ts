import { performance } from 'node:perf_hooks';

import { benchmarkListing, ListingFigures } from './benchmarks/listing';
import { benchmarkStartStop } from './benchmarks/start-stop';
import { benchmarkStreaming } from './benchmarks/streaming';
import { benchmarkViewers } from './benchmarks/viewers';
import { Measurements } from './metrics';
import { note, seconds, step } from './progress';
import { checkAnswers, waitUntilListed } from './sanity-checks';
import { sampleRoom, seedOtherBlobs, seedRooms, seedStreamedRecording } from './seed';
import { StopScope } from './shutdown';
import { BenchTls, startStack } from './stack';
import { WORKLOAD } from './workload';

/**
 * Streaming, viewers, start/stop and listing against Azurite, the LiveKit emulator and the production API; the
 * stack is stopped when this part ends.
 */
export async function runStoragePart(paths: { apiBundle: string; apiLog: string; tls?: BenchTls }): Promise<Measurements> {
  const scope = new StopScope();
  const { library } = WORKLOAD;
  const small = library.smallRooms * library.recordingsPerRoom;
  const large = library.largeRooms * library.recordingsPerRoom;

  step(`Starting Azurite (${paths.tls ? 'HTTPS' : 'plain HTTP'}), the LiveKit emulator and the production API (on 127.0.0.1)`);
  const stack = await startStack(scope, paths);
  step(`Seeding a ${WORKLOAD.recording.bytes / 2 ** 20} MiB recording, ${small} recordings in ${library.smallRooms} rooms and other blobs`);
  let seeding = performance.now();
  const streamed = await seedStreamedRecording(stack.container, WORKLOAD.recording.bytes);
  await seedRooms(stack.container, 0, library.smallRooms);
  await seedOtherBlobs(stack.container);
  note(`seeded in ${seconds(seeding)} s`);
  let api = await stack.startApi();
  note(`the API lists them all page by page after ${(await waitUntilListed(api.url, small + 1)) / 1000} s`);
  await checkAnswers(api.url, { streamed, recordings: small + 1 });

  const measurements: Measurements = {};
  let failures = 0;
  const record = (result: { measurements: Measurements; failures: number }) => {
    Object.assign(measurements, result.measurements);
    failures += result.failures;
  };
  const targets = { apiUrl: api.url, apiPid: api.pid, directUrl: stack.directUrl(streamed.key), recording: streamed };
  step('Streaming: one full GET and the player-like sequence, direct and through the API, alternating; direct playback');
  record(await benchmarkStreaming(targets));
  step(`${WORKLOAD.viewers.count} viewers at once, direct and through the API; viewers who stop reading`);
  record(await benchmarkViewers(targets));
  step('Start and stop, straight to LiveKit (the emulator) and through the API');
  record(
    await benchmarkStartStop({
      apiUrl: api.url,
      emulator: stack.emulator,
      livekitSecret: stack.livekitSecret,
      storage: stack.egressStorage,
    }),
  );
  step(`Listing with ${small} recordings`);
  const room = sampleRoom();
  const smallListing = await benchmarkListing(api.url, stack.container, { recordings: small + 1, room });

  step(`Growing the library to ${large} recordings in ${library.largeRooms} rooms; restarting the API`);
  seeding = performance.now();
  await seedRooms(stack.container, library.smallRooms, library.largeRooms);
  note(`seeded in ${seconds(seeding)} s`);
  await api.stop();
  api = await stack.startApi();
  note(`the API lists them all page by page after ${(await waitUntilListed(api.url, large + 1)) / 1000} s`);
  step(`Listing with ${large} recordings`);
  const largeListing = await benchmarkListing(api.url, stack.container, { recordings: large + 1, room });
  Object.assign(measurements, listingMeasurements(smallListing, largeListing));
  failures += smallListing.failures + largeListing.failures;
  measurements.failures = { api: failures };
  await scope.stop();
  return measurements;
}

function listingMeasurements(small: ListingFigures, large: ListingFigures): Measurements {
  const growth = (from: ListingFigures['room'], to: ListingFigures['room']) => ({
    direct: (to.direct ?? Number.NaN) / (from.direct ?? Number.NaN),
    api: (to.api ?? Number.NaN) / (from.api ?? Number.NaN),
  });
  return {
    'list.room.small': small.room,
    'list.room.large': large.room,
    'list.room.growth': growth(small.room, large.room),
    'list.roomId.small': small.roomId,
    'list.roomId.large': large.roomId,
    'list.page.small': small.page,
    'list.page.large': large.page,
    'list.page.growth': growth(small.page, large.page),
    'list.all.small': small.all,
    'list.all.large': large.all,
  };
}
