import { MetricId } from './metrics';

export type Goal = { atLeast: number } | { atMost: number };

/**
 * The goals `npm run bench` checks, all in one place. Each was set after measuring on the project's
 * machine (2 cores, 24 GiB, Node 24; Azurite, the API and the load generator sharing those two cores), with
 * a margin for the noise of a shared machine: a miss means a real regression, not a slow minute. The
 * measured ranges are in tools/bench/README.md; change a goal only together with them.
 */
export const GOALS: Partial<Record<MetricId, Goal>> = {
  // Measured 424–505 MiB/s. A recording plays at well under 1 MiB/s, so this is headroom, not need; the
  // goal catches a change that halves it (an extra copy per chunk, small reads, a proxy in the path).
  'stream.throughput': { atLeast: 250 },

  // Measured 79–125 MiB with 2 GiB in flight; the same for a 64 MiB as for a 256 MiB file, so it is
  // per-stream buffers and garbage awaiting collection, not recordings. 192 MiB is still under a tenth of
  // the bytes in flight: anything that kept even a part of each file would blow it.
  'stream.rssRise': { atMost: 192 },

  // Measured 0–33 MiB: at most the 4 × 8 MiB that did pass through, awaiting collection. The sharp
  // "never buffer" proof: a server that ignores backpressure rose by about 1 GiB in this same phase
  // (checked with a throw-away server), eight times this goal.
  'stream.stalledRssRise': { atMost: 128 },

  // Measured 76–102 requests/s of 5 MiB (380–510 MiB/s): a seek must not cost much more than streaming.
  'seek.open.perSecond': { atLeast: 50 },
  // Measured 141–205 ms with 8 players seeking at once; past 400 ms a seek feels sluggish.
  'seek.open.p99': { atMost: 400 },

  // Measured 990–1150 requests/s: the per-request cost (properties + ranged download) with a small body.
  'seek.closed.perSecond': { atLeast: 600 },
  // Measured 20–26 ms; the MP4 index reads a player makes before the first frame.
  'seek.closed.p99': { atMost: 60 },

  // Measured 3300–3640 requests/s: one storage round trip and no body.
  'head.perSecond': { atLeast: 2_000 },
  // Measured 5.9–7.1 ms.
  'head.p99': { atMost: 20 },

  // Measured 11 800–13 850 requests/s: pure CPU (a signed JWT), the API's own overhead per request.
  'token.perSecond': { atLeast: 7_000 },
  // Measured 2–3 ms (autocannon counts whole milliseconds).
  'token.p99': { atMost: 10 },

  // Measured 860–960 ms p50, 1020–1170 ms p99 with 4 at once (about 350 ms alone). Mostly Azurite and the
  // SDK's XML parsing of 2 181 blobs with metadata: this guards the API's share, not what Azure would take.
  'list.all.p50': { atMost: 1_500 },
  'list.all.p99': { atMost: 2_500 },
  // Measured like the full list (860–950 ms p50, 1650–1920 ms p99): a page still lists and sorts every
  // recording, because blob order is not newest-first. A page that got slower than everything would show.
  'list.page.p50': { atMost: 1_500 },
  'list.page.p99': { atMost: 3_000 },
  // Measured 21–23 ms p50, 40–64 ms p99: the room name narrows the storage listing itself.
  'list.room.p50': { atMost: 60 },
  'list.room.p99': { atMost: 150 },

  // Every answer must be the expected one: numbers about errors are worthless.
  failures: { atMost: 0 },
};
