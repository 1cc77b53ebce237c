import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

import { note, step } from '../progress';
import { StopScope } from '../shutdown';
import { BenchTls } from '../stack';
import { WORKLOAD } from '../workload';
import { RecordingRun, recordRoom } from './record-room';
import { cellLabel, RecorderCell, RecorderPlan } from './recorder-plan';
import { RecorderApi, startRecorderStack } from './recorder-stack';
import { analyseFile, analyseSync, FileFigures, MemoryFigures, memoryFigures, SyncFigures } from './recording-analysis';

/** Everything measured about one recording, or why it could not be. */
export interface RecorderResult {
  label: string;
  cell: RecorderCell;
  failure?: string;
  /** CPU time over wall time from `active` to the stop request, per group of processes and for the whole machine. */
  cores?: Record<'recorder' | 'api' | 'participants' | 'livekit' | 'machine', number>;
  /** The recorder's processes counted (by executable name) at the end of the recording. */
  recorderProcesses?: Record<string, number>;
  memory?: MemoryFigures;
  file?: FileFigures;
  /** The file's duration minus the test clock from `active` (seen by a participant) to the stop request. */
  durationErrorMs?: number;
  /** The file's duration minus the time from its time zero (the room's `startedAt` once active) to the stop request. */
  fileVsClockMs?: number;
  startToActiveMs?: number;
  stopToListedMs?: number;
  load?: { before: number; after: number };
  sync?: SyncFigures;
  sizeBytes?: number;
  /** The recorder's PSS over the recording (MB, every sample), the evidence behind the memory slope. */
  pssSeries?: { atS: number; mb: number }[];
}

/** Between two recordings, so that one's finishing work (upload, closing Chromium) is not measured in the next. */
const PAUSE_MS = 5_000;

/**
 * The recorder's matrix and its long A/V sync run, each recording made through the production API with its
 * embedded recorder; every file is analysed once all are made, the stack stopped, so the analysis does not share
 * the cores with a recording.
 */
export async function runRecorderPart(
  plan: RecorderPlan,
  paths: { apiBundle: string; webRoot: string; logDir: string; recordingsDir: string; liveKitServer: string; tls?: BenchTls },
): Promise<RecorderResult[]> {
  const scope = new StopScope();
  rmSync(paths.recordingsDir, { recursive: true, force: true });
  mkdirSync(paths.recordingsDir, { recursive: true });
  step('Starting Azurite, the real livekit-server and the participants’ Chromium (on 127.0.0.1)');
  const stack = await startRecorderStack(scope, paths);
  const cells = [...plan.cells, ...(plan.sync ? [plan.sync] : [])];
  const runs: (RecordingRun | { cell: RecorderCell; failure: string })[] = [];
  let api: RecorderApi | undefined;
  let apiVideo: string | undefined;
  try {
    for (const cell of cells) {
      if (api === undefined || apiVideo !== cell.video) {
        await api?.stop();
        api = await stack.startApi(cell.video);
        apiVideo = cell.video;
      }
      step(`Recording ${cellLabel(cell)} for ${cell.seconds} s (load average ${loadNow()})`);
      try {
        runs.push(await recordRoom(stack, api, cell, paths.recordingsDir, WORKLOAD.recorder.sampleEveryMs));
      } catch (error) {
        const failure = (error as Error).message;
        note(`✖ ${failure}`);
        runs.push({ cell, failure });
        // A recording left running would hold the recorder's only slot: the next one starts with a fresh API.
        await api.stop();
        api = undefined;
      }
      await sleep(PAUSE_MS);
    }
  } finally {
    await scope.stop();
  }
  step(`Analysing ${runs.filter((run) => !('failure' in run)).length} recordings (ffprobe, frame gaps, A/V sync)`);
  const results: RecorderResult[] = [];
  for (const run of runs)
    results.push('failure' in run ? { label: cellLabel(run.cell), cell: run.cell, failure: run.failure } : await analyse(run));
  return results;
}

async function analyse(run: RecordingRun): Promise<RecorderResult> {
  const file = await analyseFile(run.file);
  const durationMs = file.durationS * 1000;
  return {
    label: cellLabel(run.cell),
    cell: run.cell,
    cores: run.usage.cores,
    recorderProcesses: run.usage.recorderProcesses,
    memory: memoryFigures(run.usage.memory, WORKLOAD.recorder.warmUpS),
    file,
    durationErrorMs: durationMs - run.activeToStopMs,
    fileVsClockMs: run.fileStartedAt === undefined ? undefined : durationMs - (run.stoppedAt - run.fileStartedAt),
    startToActiveMs: run.startToActiveMs,
    stopToListedMs: run.stopToListedMs,
    load: run.load,
    sync: run.cell.source === 'av-sync' ? await analyseSync(run.file, WORKLOAD.recorder.sync.windowS) : undefined,
    sizeBytes: run.listed.sizeBytes,
    pssSeries: run.usage.memory.map((sample) => ({ atS: Math.round(sample.atS), mb: Math.round(sample.pssBytes / 1e5) / 10 })),
  };
}

const loadNow = (): string => loadavg()[0].toFixed(1);
