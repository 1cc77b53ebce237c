import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

import { LoadResult, percentile } from './load-result';

export interface NodeHttpLoad {
  url: string;
  method: 'HEAD' | 'GET';
  connections: number;
  durationSeconds: number;
  expectedStatus: number;
  /** Called before every request, e.g. for a different Range each time. */
  headersPerRequest?: () => Record<string, string>;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The same closed loop as autocannon, with Node's HTTP client, for what autocannon measures wrongly: it
 * decodes and concatenates every response body into a string (a 5 MiB range costs the client more than the
 * server), and its parser waits for a HEAD answer's Content-Length worth of body that never comes.
 */
export async function nodeHttpLoad(load: NodeHttpLoad): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + load.durationSeconds * 1000;
  const connection = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      const status = await send(load, agent);
      latencies.push(performance.now() - sent);
      if (status !== load.expectedStatus) failures++;
    }
  };
  await Promise.all(Array.from({ length: load.connections }, connection));
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    failures,
  };
}

/** The answer's status, or undefined on an error or timeout. */
function send(load: NodeHttpLoad, agent: Agent): Promise<number | undefined> {
  return new Promise((resolve) => {
    const headers = load.headersPerRequest?.();
    const req = request(load.url, { method: load.method, headers, agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode));
      response.once('error', () => resolve(undefined));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(undefined));
    req.end();
  });
}
