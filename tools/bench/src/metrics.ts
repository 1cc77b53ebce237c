import { WORKLOAD } from './workload';

const { library, streaming, seeking, listing } = WORKLOAD;
const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB`;

/** Every number the bench reports, in the order of the table. Goals for some of them: goals.ts. */
export const METRICS = {
  'api.startRss': { label: 'API RSS after start-up', unit: 'MiB' },
  'stream.throughput': {
    label: `Full GET, ${streaming.clients} clients × ${mib(library.streamedRecordingBytes)}: throughput`,
    unit: 'MiB/s',
  },
  'stream.rssRise': { label: '  API peak RSS above idle', unit: 'MiB' },
  'stream.idleRss': { label: '  API idle RSS (after the sanity checks and one download)', unit: 'MiB' },
  'stream.stalledRssRise': {
    label: `Stalled GET, ${streaming.stalledClients} clients reading ${mib(streaming.stallAfterBytes)} then none: RSS above idle`,
    unit: 'MiB',
  },
  'seek.open.perSecond': { label: `Range bytes=<random>- (${seeking.connections} conn.): requests/s`, unit: 'req/s' },
  'seek.open.p50': { label: '  p50 latency', unit: 'ms' },
  'seek.open.p99': { label: '  p99 latency', unit: 'ms' },
  'seek.closed.perSecond': {
    label: `Range bytes=<random>, ${seeking.closedRangeBytes / 1024} KiB (${seeking.connections} conn.): requests/s`,
    unit: 'req/s',
  },
  'seek.closed.p50': { label: '  p50 latency', unit: 'ms' },
  'seek.closed.p99': { label: '  p99 latency', unit: 'ms' },
  'head.perSecond': { label: 'HEAD /recordings/:name: requests/s', unit: 'req/s' },
  'head.p99': { label: '  p99 latency', unit: 'ms' },
  'token.perSecond': { label: 'POST /token: requests/s', unit: 'req/s' },
  'token.p99': { label: '  p99 latency', unit: 'ms' },
  'list.all.p50': {
    label: `GET /recordings (all ${library.recordings + 1} of ${library.recordings + 1 + library.foreignBlobs + library.strayBlobs} blobs): p50`,
    unit: 'ms',
  },
  'list.all.p99': { label: '  p99 latency', unit: 'ms' },
  'list.page.p50': { label: `GET /recordings?maxItems=${listing.pageSize}: p50`, unit: 'ms' },
  'list.page.p99': { label: '  p99 latency', unit: 'ms' },
  'list.room.p50': { label: 'GET /recordings?roomName=<one of the rooms>: p50', unit: 'ms' },
  'list.room.p99': { label: '  p99 latency', unit: 'ms' },
  'list.peakRss': { label: '  API peak RSS while listing', unit: 'MiB' },
  failures: { label: 'Failed or unexpected answers, all benchmarks', unit: '' },
} as const satisfies Record<string, { label: string; unit: string }>;

export type MetricId = keyof typeof METRICS;
export type Measurements = Partial<Record<MetricId, number>>;
