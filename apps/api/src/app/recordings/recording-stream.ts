import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';

import { BlobStorageService } from '../storage/blob-storage.service';
import { contentDisposition } from './content-disposition';
import { ifNoneMatchHits, ifRangeAllowsPartial, resolveRange } from './http-range';
import { RecordingFile } from './recording-library.service';

const logger = new Logger('RecordingStream');

function headerOf(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Answers GET/HEAD of a recording: the contract's Range matrix, validators, and a storage download piped
 * straight to the client (never buffered) that is aborted when the client goes away.
 */
export async function streamRecording(
  request: Request,
  response: Response,
  file: RecordingFile,
  options: { storage: BlobStorageService; portionSize: number; download: boolean },
): Promise<void> {
  const { size, etag, lastModified } = file;
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('Cache-Control', 'private, no-cache');
  if (etag) response.setHeader('ETag', etag);
  response.setHeader('Last-Modified', lastModified.toUTCString());

  if (ifNoneMatchHits(headerOf(request, 'if-none-match'), etag)) {
    response.status(304).end();
    return;
  }

  let range = resolveRange(headerOf(request, 'range'), size, options.portionSize);
  if (range.kind !== 'full' && !ifRangeAllowsPartial(headerOf(request, 'if-range'), etag, lastModified)) {
    range = { kind: 'full' };
  }
  if (range.kind === 'unsatisfiable') {
    response.setHeader('Content-Range', `bytes */${size}`);
    response.status(416).json({ errorMessage: `Range not satisfiable: the recording has ${size} bytes` });
    return;
  }

  const start = range.kind === 'partial' ? range.start : 0;
  const length = range.kind === 'partial' ? range.end - range.start + 1 : size;
  const isHead = request.method === 'HEAD';
  const abort = new AbortController();
  const onClose = () => abort.abort();
  response.once('close', onClose);
  try {
    // Opened before any header is final: a storage failure here still gets a clean JSON 5xx.
    const body = isHead || length === 0 ? undefined : await options.storage.download(file.key, start, length, abort.signal);

    response.status(range.kind === 'partial' ? 206 : 200);
    response.setHeader('Content-Type', 'video/mp4');
    response.setHeader('Content-Length', String(length));
    if (range.kind === 'partial') response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    response.setHeader('Content-Disposition', contentDisposition(options.download ? 'attachment' : 'inline', file.name));

    if (!body) {
      response.end();
      return;
    }
    await pipeline(body, response, { signal: abort.signal });
  } catch (error) {
    if (abort.signal.aborted) return; // the client left; nothing to answer
    if (!response.headersSent) throw error;
    // Mid-stream storage failure: this response is cut short (the client sees an incomplete body).
    logger.warn(
      { event: 'recording.stream_failed', recording: file.name, cause: (error as Error).message },
      'Streaming a recording failed after the headers were sent',
    );
    response.destroy();
  } finally {
    response.off('close', onClose);
  }
}
