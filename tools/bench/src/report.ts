import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';

import { Goal, GOALS } from './goals';
import { Measurements, MetricId, METRICS } from './metrics';
import { RecorderResult } from './recorder/recorder-part';
import { RecorderGoalRow } from './recorder/recorder-report';
import { WORKLOAD } from './workload';

export interface ReportRow {
  id: MetricId;
  label: string;
  unit: string;
  direct: number | null;
  api: number | null;
  /** API / direct, for metrics compared by ratio. */
  ratio: number | null;
  /** API − direct, for metrics compared by overhead. */
  overhead: number | null;
  goal: Goal | null;
  /** Null for numbers reported without a goal; false when a goal's figure was not measured. */
  pass: boolean | null;
}

const finite = (value: number | undefined): number | null => (value !== undefined && Number.isFinite(value) ? value : null);

/** Every metric with its comparison and goal. */
export function evaluate(measurements: Measurements): ReportRow[] {
  return (Object.keys(METRICS) as MetricId[]).map((id) => {
    const definition: { label: string; unit: string; compare?: 'ratio' | 'overhead' } = METRICS[id];
    const direct = finite(measurements[id]?.direct);
    const api = finite(measurements[id]?.api);
    const both = direct !== null && api !== null;
    const ratio = definition.compare === 'ratio' && both && direct !== 0 ? api / direct : null;
    const overhead = definition.compare === 'overhead' && both ? api - direct : null;
    const goal = GOALS[id] ?? null;
    const figure = goal === null ? null : { api, ratio, overhead }[goal.on];
    const pass =
      goal === null
        ? null
        : figure !== null && (goal.atLeast === undefined || figure >= goal.atLeast) && (goal.atMost === undefined || figure <= goal.atMost);
    return { id, label: definition.label, unit: definition.unit, direct, api, ratio, overhead, goal, pass };
  });
}

export function printTable(rows: ReportRow[]): void {
  const lines = rows.map((row) => [
    row.label,
    row.direct === null ? '' : withUnit(row.direct, row.unit),
    row.api === null ? 'not measured' : withUnit(row.api, row.unit),
    row.ratio !== null ? `${row.ratio.toFixed(2)}×` : row.overhead !== null ? `+${format(row.overhead)} ms` : '',
    row.goal === null ? '' : describeGoal(row.goal, row.unit),
    row.pass === null ? '' : row.pass ? 'pass' : 'FAIL',
  ]);
  const header = ['Metric', 'Direct', 'API', 'API vs direct', 'Goal', 'Result'];
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const numeric = new Set([1, 2, 3]);
  const render = (cells: string[]) =>
    cells.map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ');
  console.log(`\n${render(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const line of lines) console.log(render(line));
}

export function describeGoal(goal: Goal, unit: string): string {
  const suffix = goal.on === 'ratio' ? '×' : goal.on === 'overhead' ? ' ms over direct' : unit ? ` ${unit}` : '';
  const bound = goal.atLeast !== undefined ? `≥ ${goal.atLeast}` : `≤ ${goal.atMost}`;
  return `${bound}${suffix}`;
}

/** What one run measured: the storage part's rows, the recorder part's recordings and goals, or both. */
export interface RunResults {
  storage?: ReportRow[];
  recorder?: { results: RecorderResult[]; goals: RecorderGoalRow[] };
}

export function writeResults(
  file: string,
  parts: RunResults,
  run: { seconds: number; loadBefore: number[]; storage: 'https' | 'http'; only: string[] },
): void {
  mkdirSync(dirname(file), { recursive: true });
  const results = {
    finishedAt: new Date().toISOString(),
    runSeconds: Math.round(run.seconds),
    /** The parts of the bench this run made (BENCH_ONLY): `storage`, `recorder`. */
    parts: run.only,
    passed: (parts.storage ?? []).every((row) => row.pass !== false) && (parts.recorder?.goals ?? []).every((row) => row.pass),
    /** How the API and the direct reads reached storage: over TLS (as production reads Azure), or plain HTTP. */
    storage: run.storage,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      /** 1-minute load average before and after the run: above the core count, other work shared the machine. */
      loadAverage: { before: round(run.loadBefore[0]), after: round(loadavg()[0]) },
    },
    workload: WORKLOAD,
    /** Medians (or the percentile the label names) of every repetition; ratios are API / direct. */
    metrics: (parts.storage ?? []).map((row) => ({
      ...row,
      label: row.label.trim(),
      direct: roundOrNull(row.direct),
      api: roundOrNull(row.api),
      ratio: row.ratio === null ? null : Math.round(row.ratio * 1000) / 1000,
      overhead: roundOrNull(row.overhead),
    })),
    /** Each recording of the embedded recorder (CPU in cores from `active` to stop, memory in MB, times in ms) and its goals. */
    recorder: parts.recorder && {
      recordings: parts.recorder.results,
      goals: parts.recorder.goals.map(({ goal, ...row }) => ({ ...row, atLeast: goal.atLeast, atMost: goal.atMost, why: goal.why })),
    },
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

function withUnit(value: number, unit: string): string {
  return `${format(value)} ${unit}`.trim();
}

function format(value: number): string {
  if (Math.abs(value) >= 100 || Number.isInteger(value)) return String(Math.round(value));
  return Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

const round = (value: number): number => Math.round(value * 10) / 10;
const roundOrNull = (value: number | null): number | null => (value === null ? null : round(value));
