import type { ListRecordingsResponse, Recording } from '@recording/contracts';

import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** The API as a participant's browser calls it, with the room credential `POST /token` gave. */
export class RoomClient {
  private constructor(
    private readonly apiUrl: string,
    readonly roomName: string,
    readonly token: string,
  ) {}

  static async join(apiUrl: string, roomName: string, participantName: string): Promise<RoomClient> {
    const { token } = await call<{ token: string }>(`${apiUrl}/token`, { method: 'POST', body: { roomName, participantName } });
    return new RoomClient(apiUrl, roomName, token);
  }

  start(): Promise<{ recording: { name: string } }> {
    return call(`${this.apiUrl}/recordings/start`, { method: 'POST', body: { roomName: this.roomName }, token: this.token });
  }

  stop(): Promise<unknown> {
    return call(`${this.apiUrl}/recordings/stop`, { method: 'POST', body: { roomName: this.roomName }, token: this.token });
  }

  /** The room's stored recordings, as its page lists them. */
  async list(): Promise<Recording[]> {
    const query = new URLSearchParams({ roomName: this.roomName });
    return (await call<ListRecordingsResponse>(`${this.apiUrl}/recordings?${query}`, { token: this.token })).recordings;
  }

  /** Downloads a recording into `file` (streamed, as a browser would). */
  async download(name: string, file: string): Promise<void> {
    const response = await fetch(`${this.apiUrl}/recordings/${encodeURIComponent(name)}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (response.status !== 200 || !response.body) throw new Error(`GET /recordings/${name} answered ${response.status}`);
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(file));
  }
}

async function call<T>(url: string, options: { method?: string; body?: unknown; token?: string }): Promise<T> {
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${options.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
