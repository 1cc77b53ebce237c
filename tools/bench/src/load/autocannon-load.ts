import autocannon from 'autocannon';

import { LoadResult } from './load-result';

export interface AutocannonLoad {
  url: string;
  connections: number;
  durationSeconds: number;
  expectedStatus: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Called before every request, e.g. for a different Range each time. */
  headersPerRequest?: () => Record<string, string>;
}

/** A closed-loop load of fixed duration with autocannon (keep-alive connections, one request in flight each). */
export async function autocannonLoad(load: AutocannonLoad): Promise<LoadResult> {
  const { headersPerRequest } = load;
  const result = await autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.durationSeconds,
    timeout: 10,
    method: load.method ?? 'GET',
    headers: load.headers,
    body: load.body,
    requests: headersPerRequest
      ? [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...headersPerRequest() } }) }]
      : undefined,
  });
  const requests = result.requests.total;
  const unexpected = Object.entries(result.statusCodeStats)
    .filter(([status]) => Number(status) !== load.expectedStatus)
    .reduce((sum, [, { count }]) => sum + count, 0);
  return {
    requests,
    perSecond: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.mismatches + unexpected,
  };
}
