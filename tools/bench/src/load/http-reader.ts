import { Agent, IncomingHttpHeaders, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const REQUEST_TIMEOUT_MS = 60_000;

export interface Answer {
  /** Undefined when the request failed without an answer (error, timeout). */
  status?: number;
  headers: IncomingHttpHeaders;
  /** Body bytes read (and thrown away). */
  bytes: number;
  /** Time to the first body byte (or to the headers of an empty answer), ms. */
  firstByteMs: number;
  totalMs: number;
}

export interface ReadOptions {
  agent: Agent;
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** Stop after this many body bytes and close the connection (a viewer who leaves). */
  stopAfterBytes?: number;
  /** Stop reading after this many bytes for `forMs`, then leave (a viewer who pauses and goes away). */
  stall?: { afterBytes: number; forMs: number };
}

/**
 * One request, its body read as fast as it comes and thrown away: the client costs as little CPU as it
 * can, so what is measured is the server (autocannon would turn every body into a string).
 */
export function read(url: string, options: ReadOptions): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    const answer: Answer = { headers: {}, bytes: 0, firstByteMs: Number.NaN, totalMs: Number.NaN };
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      answer.totalMs = performance.now() - started;
      if (Number.isNaN(answer.firstByteMs)) answer.firstByteMs = answer.totalMs;
      resolve(answer);
    };
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: options.agent, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        answer.status = response.statusCode;
        answer.headers = response.headers;
        response.on('data', (chunk: Buffer) => {
          if (answer.bytes === 0) answer.firstByteMs = performance.now() - started;
          answer.bytes += chunk.length;
          if (options.stopAfterBytes !== undefined && answer.bytes >= options.stopAfterBytes) {
            req.destroy();
            finish();
          } else if (options.stall && answer.bytes >= options.stall.afterBytes && !response.isPaused()) {
            response.pause();
            setTimeout(() => {
              req.destroy();
              finish();
            }, options.stall.forMs);
          }
        });
        response.once('end', finish);
        response.once('error', finish);
      },
    );
    req.once('timeout', () => req.destroy());
    req.once('error', () => {
      answer.status = settled ? answer.status : undefined;
      finish();
    });
    req.end();
  });
}

/** A client with its own keep-alive connections, as a browser tab has. */
export function keepAliveAgent(maxSockets = 1): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

export interface Playback {
  /** Every range was answered as a player expects (206, at the offset asked, some bytes). */
  ok: boolean;
  bytes: number;
  seconds: number;
  requests: number;
  firstByteMs: number[];
}

/**
 * What a `<video>` element does while it plays through a file: `Range: bytes=<next>-` until the end,
 * each answer taken as far as the server sends it (our API: one portion; storage: the whole rest).
 * `length` limits how much is read from `start` (a viewer who watches part of it).
 */
export async function play(url: string, agent: Agent, size: number, start = 0, length = size - start): Promise<Playback> {
  const end = Math.min(size, start + length);
  const result: Playback = { ok: true, bytes: 0, seconds: 0, requests: 0, firstByteMs: [] };
  const started = performance.now();
  let position = start;
  while (position < end) {
    const answer = await read(url, { agent, headers: { range: `bytes=${position}-` }, stopAfterBytes: end - position });
    result.requests++;
    result.firstByteMs.push(answer.firstByteMs);
    if (answer.status !== 206 || !contentRangeStartsAt(answer.headers['content-range'], position) || answer.bytes === 0) {
      result.ok = false;
      break;
    }
    // A chunk may run past what this viewer wanted; only what it wanted counts.
    const wanted = Math.min(answer.bytes, end - position);
    position += wanted;
    result.bytes += wanted;
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

function contentRangeStartsAt(header: string | undefined, start: number): boolean {
  return header !== undefined && new RegExp(`^bytes ${start}-\\d+/\\d+$`).test(header);
}
