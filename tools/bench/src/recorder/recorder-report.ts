import { RECORDER_GOALS, RecorderFigure, RecorderGoal } from '../goals';
import { RecorderResult } from './recorder-part';

export interface RecorderGoalRow {
  figure: RecorderFigure;
  recording: string;
  value: number | null;
  goal: RecorderGoal;
  /** False as well when the recording failed or the figure could not be measured. */
  pass: boolean;
}

const FIGURES: Record<RecorderFigure, (result: RecorderResult) => number | undefined> = {
  cpuCores: (r) => r.cores?.recorder,
  longestGapMs: (r) => r.file?.longestGapMs,
  durationErrorMs: (r) => r.durationErrorMs,
  stopToListedMs: (r) => r.stopToListedMs,
  memorySlopeMBPerMin: (r) => r.memory?.slopeMBPerMin,
  syncStartMedianMs: (r) => r.sync?.start.medianMs,
  syncStartEarliestMs: (r) => r.sync?.start.minMs,
  syncStartLatestMs: (r) => r.sync?.start.maxMs,
  syncEndMedianMs: (r) => r.sync?.end.medianMs,
  syncEndEarliestMs: (r) => r.sync?.end.minMs,
  syncEndLatestMs: (r) => r.sync?.end.maxMs,
};

function applies(goal: RecorderGoal, result: RecorderResult): boolean {
  const { appliesTo } = goal;
  if (appliesTo === 'every recording') return true;
  if (appliesTo === 'sync') return result.cell.source === 'av-sync';
  return result.cell.source === 'camera' && result.cell.participants === appliesTo.participants && result.cell.video === appliesTo.video;
}

/** Every goal against every recording it bounds that this run made; goals of recordings not planned are left out. */
export function evaluateRecorder(results: readonly RecorderResult[]): RecorderGoalRow[] {
  return RECORDER_GOALS.flatMap((goal) =>
    results
      .filter((result) => applies(goal, result))
      .map((result) => {
        const raw = FIGURES[goal.figure](result);
        const value = raw !== undefined && Number.isFinite(raw) ? raw : null;
        const pass =
          value !== null && (goal.atLeast === undefined || value >= goal.atLeast) && (goal.atMost === undefined || value <= goal.atMost);
        return { figure: goal.figure, recording: result.label, value, goal, pass };
      }),
  );
}

export function printRecorderTables(results: readonly RecorderResult[], rows: readonly RecorderGoalRow[]): void {
  printTable(
    [
      'Recording',
      'Recorder CPU',
      'API',
      'Participants',
      'LiveKit',
      'Machine',
      'Recorder PSS, start → end (slope)',
      'Frames (fps)',
      'Longest gap',
      'Duration − clock (from file zero)',
      'Start → active',
      'Stop → listed',
      'Load',
    ],
    results.map((r) =>
      r.failure
        ? [r.label, 'FAILED (below)']
        : [
            r.label,
            cores(r.cores?.recorder),
            cores(r.cores?.api),
            cores(r.cores?.participants),
            cores(r.cores?.livekit),
            cores(r.cores?.machine),
            r.memory
              ? `${r.memory.startPssMB.toFixed(0)} → ${r.memory.endPssMB.toFixed(0)} MB (${signed(r.memory.slopeMBPerMin, 1)} MB/min)`
              : '',
            r.file ? `${r.file.frames} (${r.file.averageFps.toFixed(1)})` : '',
            r.file ? `${r.file.longestGapMs.toFixed(0)} ms at ${r.file.longestGapAtS.toFixed(1)} s` : '',
            r.durationErrorMs === undefined
              ? ''
              : `${signed(r.durationErrorMs, 0)} ms${r.fileVsClockMs === undefined ? '' : ` (${signed(r.fileVsClockMs, 0)} ms)`}`,
            ms(r.startToActiveMs),
            ms(r.stopToListedMs),
            r.load ? `${r.load.before.toFixed(1)} → ${r.load.after.toFixed(1)}` : '',
          ],
    ),
  );
  for (const r of results.filter((result) => result.failure)) console.log(`✖ ${r.label}: ${r.failure}`);
  const synced = results.filter((r) => r.sync);
  if (synced.length) {
    console.log('');
    printTable(
      ['A/V sync (beep − flash; + is sound late)', 'Pairs', 'Median', 'Earliest', 'Latest', 'Worst'],
      synced.flatMap((r) =>
        (['start', 'end'] as const).map((window) => {
          const summary = r.sync![window];
          return [
            `${r.label}: ${window === 'start' ? 'first' : 'last'} minute`,
            String(summary.count),
            `${signed(summary.medianMs, 0)} ms`,
            `${signed(summary.minMs, 0)} ms`,
            `${signed(summary.maxMs, 0)} ms`,
            `${signed(summary.worstMs, 0)} ms`,
          ];
        }),
      ),
    );
  }
  console.log('');
  printTable(
    ['Recorder goal', 'Recording', 'Figure', 'Goal', 'Result'],
    rows.map((row) => [
      row.figure,
      row.recording,
      row.value === null ? 'not measured' : format(row.value),
      bound(row.goal),
      row.pass ? 'pass' : 'FAIL',
    ]),
  );
}

function bound(goal: RecorderGoal): string {
  if (goal.atLeast !== undefined && goal.atMost !== undefined) return `${goal.atLeast} … ${goal.atMost}`;
  return goal.atLeast !== undefined ? `≥ ${goal.atLeast}` : `≤ ${goal.atMost}`;
}

function printTable(header: string[], lines: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const render = (cells: string[]) => cells.map((cell, column) => (cell ?? '').padEnd(widths[column])).join('  ');
  console.log(`${render(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const line of lines) console.log(render(line));
}

const cores = (value: number | undefined): string => (value === undefined ? '' : `${value.toFixed(2)} cores`);
const ms = (value: number | undefined): string => (value === undefined ? '' : `${(value / 1000).toFixed(1)} s`);
const signed = (value: number, digits: number): string =>
  Number.isFinite(value) ? `${value > 0 ? '+' : ''}${value.toFixed(digits)}` : 'n/a';
const format = (value: number): string => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));
