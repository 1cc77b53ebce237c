import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';

import { MeasurementsByApi } from './benchmarks/streaming';
import { MetricId, METRICS } from './metrics';

/** The three workloads the storage transports are compared on, each by its throughput, CPU and memory. */
const WORKLOADS: Array<{ name: string; throughput: MetricId; cpu: MetricId; memory?: MetricId }> = [
  { name: 'full GET', throughput: 'full.throughput', cpu: 'full.cpu' },
  { name: 'player-like sequence', throughput: 'sequence.throughput', cpu: 'sequence.cpu' },
  { name: '50 viewers', throughput: 'viewers.throughput', cpu: 'viewers.cpu', memory: 'viewers.memoryGrowth' },
];
const ROWS: MetricId[] = [
  'full.throughput',
  'full.cpu',
  'sequence.throughput',
  'sequence.cpu',
  'viewers.throughput',
  'viewers.firstByteP95',
  'viewers.memoryGrowth',
  'viewers.cpu',
  'stalled.memoryGrowth',
];

/**
 * Measurement only (issue 19): the storage transports side by side, each figure next to direct storage access in the
 * same rounds, and how far `lean` beats `sdk` on each workload (>1 = lean better: more MB/s, fewer CPU seconds per GB).
 */
export function reportTransports(file: string, measurements: MeasurementsByApi, run: { loadBefore: number[]; tls: boolean }): void {
  const names = Object.keys(measurements);
  const value = (name: string, id: MetricId) => measurements[name]?.[id]?.api ?? Number.NaN;
  const direct = (id: MetricId) => measurements[names[0]]?.[id]?.direct;
  console.log(`\nStorage transports (storage over ${run.tls ? 'TLS' : 'plain HTTP'}), API figure (ratio to direct):`);
  for (const id of ROWS) {
    const cells = names.map((name) => {
      const ratio = direct(id) === undefined ? '' : ` (${(value(name, id) / (direct(id) ?? Number.NaN)).toFixed(2)}×)`;
      return `${name} ${value(name, id).toFixed(2)}${ratio}`;
    });
    const directCell = direct(id) === undefined ? '' : `direct ${direct(id)?.toFixed(2)}  `;
    console.log(`  ${METRICS[id].label.trim()} [${METRICS[id].unit}]: ${directCell}${cells.join('  ')}`);
  }
  const verdict =
    names.includes('lean') && names.includes('sdk')
      ? WORKLOADS.map((workload) => ({
          workload: workload.name,
          throughput: value('lean', workload.throughput) / value('sdk', workload.throughput),
          cpu: value('sdk', workload.cpu) / value('lean', workload.cpu),
          memory: workload.memory ? value('sdk', workload.memory) / value('lean', workload.memory) : undefined,
        }))
      : [];
  for (const each of verdict) {
    const memory = each.memory === undefined ? '' : `, memory ${each.memory.toFixed(2)}×`;
    console.log(`  lean vs sdk, ${each.workload}: throughput ${each.throughput.toFixed(2)}×, CPU per GB ${each.cpu.toFixed(2)}×${memory}`);
  }
  mkdirSync(dirname(file), { recursive: true });
  const loadAverage = { before: run.loadBefore, after: loadavg() };
  writeFileSync(
    file,
    `${JSON.stringify({ finishedAt: new Date().toISOString(), tls: run.tls, loadAverage, measurements, verdict }, null, 2)}\n`,
  );
}
