import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { benchmarkListing, ListingFigures } from './benchmarks/listing';
import { benchmarkStartStop } from './benchmarks/start-stop';
import { benchmarkStreaming } from './benchmarks/streaming';
import { benchmarkViewers } from './benchmarks/viewers';
import { Measurements } from './metrics';
import { evaluate, printTable, writeResults } from './report';
import { checkAnswers, waitUntilListed } from './sanity-checks';
import { sampleRoom, seedOtherBlobs, seedRooms, seedStreamedRecording } from './seed';
import { installShutdownHandlers, isShuttingDown, shutdown } from './shutdown';
import { BenchTls, startStack } from './stack';
import { WORKLOAD } from './workload';

/** The bundle sits at dist/tools/bench/main.js. */
const ROOT = resolve(__dirname, '..', '..', '..');
const API_BUNDLE = join(ROOT, 'dist/apps/api/main.js');
const API_LOG = join(ROOT, 'dist/bench/api.log');
const RESULTS = join(ROOT, 'dist/bench/results.json');
/** Far above a normal run (four to eight minutes on 2 cores): only a hang gets here. */
const OVERALL_LIMIT_MS = 20 * 60_000;

async function main(): Promise<number> {
  // Azurite is found from the working folder, like the API does it.
  process.chdir(ROOT);
  installShutdownHandlers(OVERALL_LIMIT_MS);
  checkPrerequisites();
  const tls = storageTls();
  const loadBefore = loadavg();
  const started = performance.now();
  const { library } = WORKLOAD;
  const small = library.smallRooms * library.recordingsPerRoom;
  const large = library.largeRooms * library.recordingsPerRoom;

  step(`Starting Azurite (${tls ? 'HTTPS' : 'plain HTTP'}), the LiveKit emulator and the production API (on 127.0.0.1)`);
  const stack = await startStack({ apiBundle: API_BUNDLE, apiLog: API_LOG, tls });
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

  await shutdown();
  const rows = evaluate(measurements);
  printTable(rows);
  const runSeconds = (performance.now() - started) / 1000;
  writeResults(RESULTS, rows, { seconds: runSeconds, loadBefore, storage: tls ? 'https' : 'http' });
  const missed = rows.filter((row) => row.pass === false);
  console.log(
    `\n${missed.length === 0 ? '✔ Every goal met' : `✖ ${missed.length} goal(s) missed: ${missed.map((row) => row.id).join(', ')}`} in ${Math.round(runSeconds)} s; results in ${RESULTS}`,
  );
  return missed.length === 0 ? 0 : 1;
}

/**
 * Storage over HTTPS, as production reads Azure, when `npm run bench` made a certificate: Azurite serves it, and the
 * bench and the API trust it through NODE_EXTRA_CA_CERTS (read by Node at start-up only, hence set by the script).
 */
function storageTls(): BenchTls | undefined {
  const cert = process.env['BENCH_TLS_CERT'];
  const key = process.env['BENCH_TLS_KEY'];
  if (!cert || !key) return undefined;
  if (process.env['NODE_EXTRA_CA_CERTS'] !== cert) {
    throw new Error(
      'Storage over TLS needs its certificate trusted: start the bench with NODE_EXTRA_CA_CERTS=$BENCH_TLS_CERT (npm run bench does).',
    );
  }
  return { cert, key };
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

function checkPrerequisites(): void {
  if (process.platform !== 'linux' || !existsSync('/proc/self/status')) {
    throw new Error("The benchmarks read the API's memory from /proc: run them on Linux.");
  }
  if (!existsSync(API_BUNDLE)) {
    throw new Error(`No API build at ${API_BUNDLE}: run "npm run bench" (it builds), or "npx nx build api --configuration=production".`);
  }
  try {
    createRequire(join(ROOT, 'noop.js')).resolve('azurite/package.json');
  } catch {
    throw new Error('Azurite is not installed: run "npm install" (npm run bench does it when needed).');
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

function step(text: string): void {
  if (isShuttingDown()) throw new Error('Stopped');
  console.log(`› ${text}…`);
}

function note(text: string): void {
  console.log(`  ${text}`);
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    // A signal is already stopping everything and will exit with its own code.
    if (isShuttingDown()) return;
    console.error(`✖ ${(error as Error).message}`);
    await shutdown();
    process.exit(1);
  },
);
