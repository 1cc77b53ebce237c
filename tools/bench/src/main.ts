import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { benchmarkHeadAndToken } from './benchmarks/head-and-token';
import { benchmarkListing } from './benchmarks/listing';
import { benchmarkSeeking } from './benchmarks/seeking';
import { benchmarkStreaming } from './benchmarks/streaming';
import { Measurements } from './metrics';
import { residentBytes } from './process-memory';
import { evaluate, printTable, writeResults } from './report';
import { checkAnswers } from './sanity-checks';
import { seedLibrary } from './seed';
import { installShutdownHandlers, isShuttingDown, shutdown } from './shutdown';
import { startStack } from './stack';
import { WORKLOAD } from './workload';

/** The bundle sits at dist/tools/bench/main.js. */
const ROOT = resolve(__dirname, '..', '..', '..');
const API_BUNDLE = join(ROOT, 'dist/apps/api/main.js');
const API_LOG = join(ROOT, 'dist/bench/api.log');
const RESULTS = join(ROOT, 'dist/bench/results.json');
/** Far above a normal run (about a minute): only a hang gets here. */
const OVERALL_LIMIT_MS = 6 * 60_000;

async function main(): Promise<number> {
  // Azurite is found from the working folder, like the API does it.
  process.chdir(ROOT);
  installShutdownHandlers(OVERALL_LIMIT_MS);
  checkPrerequisites();
  const started = performance.now();

  step('Starting Azurite and the production API (child processes on 127.0.0.1)');
  const { api, container } = await startStack({ apiBundle: API_BUNDLE, apiLog: API_LOG });
  step(
    `Seeding ${WORKLOAD.library.recordings} recordings, ${WORKLOAD.library.foreignBlobs + WORKLOAD.library.strayBlobs} other blobs and one of ${WORKLOAD.library.streamedRecordingBytes / 2 ** 20} MiB`,
  );
  const startRss = residentBytes(api.pid).current / 2 ** 20;
  const library = await seedLibrary(container);
  await checkAnswers(api.url, library);

  const measurements: Measurements = { 'api.startRss': startRss, failures: 0 };
  const record = (results: Measurements & { failures: number }) => {
    Object.assign(measurements, { ...results, failures: (measurements.failures ?? 0) + results.failures });
  };
  step('Streaming: full downloads, then stalled ones');
  record(await benchmarkStreaming(api.url, api.pid, library.streamed));
  step('Seeking: open and small closed ranges');
  record(await benchmarkSeeking(api.url, library.streamed));
  step('HEAD and POST /token');
  record(await benchmarkHeadAndToken(api.url, library.streamed.name));
  step('Listing: all, one page, one room');
  record(await benchmarkListing(api.url, api.pid, library.sampleRoom.name));

  await shutdown();
  const rows = evaluate(measurements);
  printTable(rows);
  const seconds = (performance.now() - started) / 1000;
  writeResults(RESULTS, rows, seconds);
  const missed = rows.filter((row) => row.pass === false);
  console.log(
    `\n${missed.length === 0 ? '✔ Every goal met' : `✖ ${missed.length} goal(s) missed`} in ${Math.round(seconds)} s; results in ${RESULTS}`,
  );
  return missed.length === 0 ? 0 : 1;
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

function step(text: string): void {
  if (isShuttingDown()) throw new Error('Stopped');
  console.log(`› ${text}…`);
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
