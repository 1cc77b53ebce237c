import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { runRecorderPart } from './recorder/recorder-part';
import { RecorderPlan, recorderPlan } from './recorder/recorder-plan';
import { evaluateRecorder, printRecorderTables } from './recorder/recorder-report';
import { evaluate, printTable, RunResults, writeResults } from './report';
import { installShutdownHandlers, isShuttingDown, shutdown } from './shutdown';
import { BenchTls } from './stack';
import { runStoragePart } from './storage-part';

/** The bundle sits at dist/tools/bench/main.js. */
const ROOT = resolve(__dirname, '..', '..', '..');
const API_BUNDLE = join(ROOT, 'dist/apps/api/main.js');
const WEB_ROOT = join(ROOT, 'dist/apps/web/browser');
const BENCH_DIR = join(ROOT, 'dist/bench');
const RESULTS = join(BENCH_DIR, 'results.json');
const PARTS = ['storage', 'recorder'] as const;
type Part = (typeof PARTS)[number];
/** Far above a normal storage part (four to eight minutes on 2 cores): only a hang gets here. */
const STORAGE_LIMIT_MS = 20 * 60_000;
/** Per recording, on top of its length: joining, starting, stopping, uploading, analysing, on a busy machine. */
const RECORDING_OVERHEAD_MS = 4 * 60_000;

async function main(): Promise<number> {
  // Azurite is found from the working folder, like the API does it.
  process.chdir(ROOT);
  const parts = chosenParts();
  const plan = parts.includes('recorder') ? recorderPlan() : undefined;
  installShutdownHandlers(overallLimitMs(parts, plan));
  checkPrerequisites(parts);
  const tls = storageTls();
  const loadBefore = loadavg();
  const started = performance.now();
  const results: RunResults = {};

  if (parts.includes('storage')) {
    const measurements = await runStoragePart({ apiBundle: API_BUNDLE, apiLog: join(BENCH_DIR, 'api.log'), tls });
    results.storage = evaluate(measurements);
  }
  if (plan) {
    const recordings = await runRecorderPart(plan, {
      apiBundle: API_BUNDLE,
      liveKitServer: liveKitServerBinary(),
      webRoot: WEB_ROOT,
      logDir: BENCH_DIR,
      recordingsDir: join(BENCH_DIR, 'recordings'),
      tls,
    });
    results.recorder = { results: recordings, goals: evaluateRecorder(recordings) };
  }

  await shutdown();
  if (results.storage) printTable(results.storage);
  if (results.recorder) {
    console.log('');
    printRecorderTables(results.recorder.results, results.recorder.goals);
  }
  const runSeconds = (performance.now() - started) / 1000;
  writeResults(RESULTS, results, { seconds: runSeconds, loadBefore, storage: tls ? 'https' : 'http', only: parts });
  const missed = [
    ...(results.storage ?? []).filter((row) => row.pass === false).map((row) => row.id),
    ...(results.recorder?.goals ?? []).filter((row) => !row.pass).map((row) => `${row.figure} (${row.recording})`),
  ];
  console.log(
    `\n${missed.length === 0 ? '✔ Every goal met' : `✖ ${missed.length} goal(s) missed: ${missed.join(', ')}`} in ${Math.round(runSeconds)} s; results in ${RESULTS}`,
  );
  return missed.length === 0 ? 0 : 1;
}

/** `BENCH_ONLY=recorder` (or `storage`, or both comma-separated) runs only those parts; unset runs all. */
function chosenParts(): Part[] {
  const only = process.env['BENCH_ONLY']?.trim();
  if (!only) return [...PARTS];
  const chosen = only.split(',').map((part) => part.trim());
  const unknown = chosen.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown part(s) ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
  return PARTS.filter((part) => chosen.includes(part));
}

function overallLimitMs(parts: Part[], plan?: RecorderPlan): number {
  const storage = parts.includes('storage') ? STORAGE_LIMIT_MS : 0;
  const recordings = plan ? [...plan.cells, ...(plan.sync ? [plan.sync] : [])] : [];
  return storage + recordings.reduce((total, cell) => total + cell.seconds * 1000 + RECORDING_OVERHEAD_MS, 0);
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

/** scripts/bench.sh exports it (scripts/livekit-server.sh builds the pinned server once, with Go). */
function liveKitServerBinary(): string {
  const binary = process.env['LIVEKIT_SERVER_BIN'];
  if (!binary || !existsSync(binary)) {
    throw new Error(
      'The recorder part runs the real livekit-server: set LIVEKIT_SERVER_BIN=$(bash scripts/livekit-server.sh) (npm run bench does).',
    );
  }
  return binary;
}

function checkPrerequisites(parts: Part[]): void {
  if (process.platform !== 'linux' || !existsSync('/proc/self/status')) {
    throw new Error("The benchmarks read the API's memory from /proc: run them on Linux.");
  }
  if (!existsSync(API_BUNDLE)) {
    throw new Error(`No API build at ${API_BUNDLE}: run "npm run bench" (it builds), or "npx nx build api --configuration=production".`);
  }
  if (parts.includes('recorder')) liveKitServerBinary();
  if (parts.includes('recorder') && !existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(
      `No SPA build at ${WEB_ROOT} (the recording template): run "npm run bench" (it builds), or "npx nx build web --configuration=production".`,
    );
  }
  try {
    createRequire(join(ROOT, 'noop.js')).resolve('azurite/package.json');
  } catch {
    throw new Error('Azurite is not installed: run "npm install" (npm run bench does it when needed).');
  }
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
