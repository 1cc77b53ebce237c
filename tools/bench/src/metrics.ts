import { WORKLOAD } from './workload';

const { recording, viewers, stalled, library, listing } = WORKLOAD;
const mib = (bytes: number) => `${bytes / 2 ** 20} MiB`;
const count = (value: number) => value.toLocaleString('en-US');
const small = count(library.smallRooms * library.recordingsPerRoom);
const large = count(library.largeRooms * library.recordingsPerRoom);
const portions = Math.ceil(recording.bytes / recording.portionBytes);

/**
 * How a measurement through the API relates to the same one made directly (storage, or LiveKit for
 * start/stop) in the same run: `ratio` = API / direct; `overhead` = API − direct.
 */
export type Comparison = 'ratio' | 'overhead';

export interface MetricDefinition {
  label: string;
  unit: string;
  compare?: Comparison;
}

/** Every number the bench reports, in the order of the table. Goals for some of them: goals.ts. */
export const METRICS = {
  'full.throughput': { label: `One full GET of a ${mib(recording.bytes)} recording`, unit: 'MB/s', compare: 'ratio' },
  'full.cpu': { label: '  API CPU per GB served', unit: 's/GB' },
  'sequence.throughput': {
    label: `Player-like bytes=N- sequence over it (${mib(recording.portionBytes)} portions: ${portions} requests through the API)`,
    unit: 'MB/s',
    compare: 'ratio',
  },
  'sequence.cpu': { label: '  API CPU per GB served', unit: 's/GB' },
  'directMode.throughput': {
    label: 'Direct playback: GET /recordings/:name/url, then that sequence on the SAS URL',
    unit: 'MB/s',
    compare: 'ratio',
  },
  'directMode.urlLatency': { label: '  GET /recordings/:name/url: p50', unit: 'ms' },
  'viewers.throughput': {
    label: `${viewers.count} viewers of one recording at once, ${mib(viewers.portionsEach * recording.portionBytes)} each: aggregate`,
    unit: 'MB/s',
    compare: 'ratio',
  },
  'viewers.firstByteP95': { label: '  time to first byte, p95 of every request', unit: 'ms', compare: 'ratio' },
  'viewers.memoryGrowth': { label: '  API memory growth (peak RSS above idle)', unit: 'MB' },
  'viewers.cpu': { label: '  API CPU per GB served', unit: 's/GB' },
  'stalled.memoryGrowth': {
    label: `${stalled.clients} viewers read ${mib(stalled.afterBytes)}, stop reading for ${stalled.forMs / 1000} s: API memory growth`,
    unit: 'MB',
  },
  'list.room.small': {
    label: `One room's list (?roomName=, ${listing.roomRecordings} of ${small} recordings): p50`,
    unit: 'ms',
    compare: 'ratio',
  },
  'list.room.large': { label: `  … of ${large} recordings`, unit: 'ms', compare: 'ratio' },
  'list.room.growth': { label: `  growth: p50 at ${large} / p50 at ${small}`, unit: '×', compare: 'ratio' },
  'list.roomId.small': { label: `One room session's list (?roomId=), ${small} recordings: p50`, unit: 'ms', compare: 'ratio' },
  'list.roomId.large': { label: `  … of ${large} recordings`, unit: 'ms', compare: 'ratio' },
  'list.page.small': {
    label: `First page of ${listing.pageSize} across all rooms, ${small} recordings: p50`,
    unit: 'ms',
    compare: 'ratio',
  },
  'list.page.large': { label: `  … of ${large} recordings`, unit: 'ms', compare: 'ratio' },
  'list.page.growth': { label: `  growth: p50 at ${large} / p50 at ${small}`, unit: '×', compare: 'ratio' },
  'list.all.small': { label: `Unpaged list, ${small} recordings: p50`, unit: 'ms', compare: 'ratio' },
  'list.all.large': { label: `  … of ${large} recordings`, unit: 'ms', compare: 'ratio' },
  'startStop.start': { label: 'POST /recordings/start: p50 (direct: StartRoomCompositeEgress)', unit: 'ms', compare: 'overhead' },
  'startStop.stop': { label: 'POST /recordings/stop: p50 (direct: StopEgress)', unit: 'ms', compare: 'overhead' },
  failures: { label: 'Failed or unexpected answers, all benchmarks', unit: '' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricId = keyof typeof METRICS;

/** One metric measured through the API and, where it compares, directly. */
export interface Measurement {
  direct?: number;
  api?: number;
}

export type Measurements = Partial<Record<MetricId, Measurement>>;
