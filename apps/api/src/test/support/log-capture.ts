import { Writable } from 'node:stream';

export type LogLine = Record<string, unknown> & { level: number; msg?: string; requestId?: string };

/** A pino destination that keeps every line the server writes (LOG_FORMAT=json), raw and parsed. */
export class LogCapture extends Writable {
  raw = '';
  readonly lines: LogLine[] = [];
  private partial = '';

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    const text = chunk.toString();
    this.raw += text;
    const pieces = (this.partial + text).split('\n');
    this.partial = pieces.pop() ?? '';
    for (const piece of pieces) if (piece.trim()) this.lines.push(JSON.parse(piece) as LogLine);
    done();
  }

  /** The lines logged while handling the request with this id. */
  ofRequest(requestId: string | null): LogLine[] {
    return this.lines.filter((line) => line.requestId === requestId);
  }

  /** The access-log line of the request (the one with a duration). */
  requestLine(requestId: string | null): LogLine | undefined {
    return this.ofRequest(requestId).find((line) => 'durationMs' in line);
  }

  /** Lines are written when the response has ended, which may be just after the client has read it. */
  async waitFor(predicate: (line: LogLine) => boolean, timeoutMs = 5_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No such log line; the server wrote:\n${this.raw.slice(-4_000)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
