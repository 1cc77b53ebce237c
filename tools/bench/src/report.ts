import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';

import { Goal, GOALS } from './goals';
import { Measurements, MetricId, METRICS } from './metrics';
import { WORKLOAD } from './workload';

export interface ReportRow {
  id: MetricId;
  label: string;
  unit: string;
  value: number | null;
  goal: Goal | null;
  /** Null for numbers reported without a goal. */
  pass: boolean | null;
}

/** Every metric with its goal; a metric with a goal that was not measured fails. */
export function evaluate(measurements: Measurements): ReportRow[] {
  return (Object.keys(METRICS) as MetricId[]).map((id) => {
    const value = measurements[id];
    const goal = GOALS[id] ?? null;
    const measured = value !== undefined && Number.isFinite(value);
    const pass = goal === null ? null : measured && ('atLeast' in goal ? value >= goal.atLeast : value <= goal.atMost);
    return { id, ...METRICS[id], value: measured ? value : null, goal, pass };
  });
}

export function printTable(rows: ReportRow[]): void {
  const lines = rows.map((row) => [
    row.label,
    row.value === null ? 'not measured' : `${format(row.value)} ${row.unit}`.trim(),
    row.goal === null ? '' : 'atLeast' in row.goal ? `≥ ${format(row.goal.atLeast)}` : `≤ ${format(row.goal.atMost)}`,
    row.pass === null ? '' : row.pass ? 'pass' : 'FAIL',
  ]);
  const header = ['Metric', 'Value', 'Goal', 'Result'];
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const render = (cells: string[]) =>
    cells.map((cell, column) => (column === 1 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ');
  console.log(`\n${render(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const line of lines) console.log(render(line));
}

export function writeResults(file: string, rows: ReportRow[], runSeconds: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const results = {
    finishedAt: new Date().toISOString(),
    runSeconds: Math.round(runSeconds),
    passed: rows.every((row) => row.pass !== false),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    workload: WORKLOAD,
    metrics: rows.map(({ id, label, unit, value, goal, pass }) => ({
      id,
      label: label.trim(),
      unit,
      value: value === null ? null : round(value),
      goal,
      pass,
    })),
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

function format(value: number): string {
  return Math.abs(value) >= 100 || Number.isInteger(value) ? String(Math.round(value)) : value.toFixed(1);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
