import { Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

import { RecordingNotFoundError } from '../../errors/domain-errors';
import { BlobProperties, BlobStorageService } from '../../storage/blob-storage.service';
import { headerOf, ifNoneMatchHits } from '../../web/conditional-requests';
import { contentDisposition } from './content-disposition';
import { ifRangeAllowsPartial, resolveRange } from './http-range';
import { openRecordingContent, RecordingAnswer } from './recording-content';

const logger = new Logger('RecordingStream');

export interface RecordingBlob {
  key: string;
  name: string;
}

export interface StreamOptions {
  storage: BlobStorageService;
  portionSize: number;
  download: boolean;
}

/**
 * Answers GET/HEAD of a recording: the contract's Range matrix, validators, and a storage download piped
 * straight to the client (never buffered) that is aborted when the client goes away. A GET costs one
 * storage round trip (see {@link openRecordingContent}); a HEAD reads the properties and downloads nothing.
 */
export async function streamRecording(request: Request, response: Response, file: RecordingBlob, options: StreamOptions): Promise<void> {
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('Cache-Control', 'private, no-cache');
  if (request.method === 'HEAD') return answerHead(request, response, file, options);

  const abort = new AbortController();
  // Only a client that left early aborts the storage download; after a complete answer the storage
  // connection stays open for the next request (keep-alive).
  const onClose = () => {
    if (!response.writableFinished) abort.abort();
  };
  response.once('close', onClose);
  try {
    // Opened before any header is final: a storage failure here still gets a clean JSON 5xx.
    const answer = await openRecordingContent(options.storage, file.key, {
      range: headerOf(request, 'range'),
      ifRange: headerOf(request, 'if-range'),
      portionSize: options.portionSize,
      signal: abort.signal,
    });
    const current = answer.kind === 'content' ? answer.content : answer.blob;
    setValidators(response, current);
    if (ifNoneMatchHits(headerOf(request, 'if-none-match'), current.etag)) {
      if (answer.kind === 'content') answer.content.discard();
      response.status(304).end();
      return;
    }
    if (answer.kind === 'unsatisfiable') return refuseRange(response, answer.blob.size);
    await sendContent(response, answer, file, options, abort.signal);
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

async function sendContent(
  response: Response,
  answer: Extract<RecordingAnswer, { kind: 'content' }>,
  file: RecordingBlob,
  options: StreamOptions,
  signal: AbortSignal,
): Promise<void> {
  const { content, partial } = answer;
  response.status(partial ? 206 : 200);
  setContentHeaders(response, file, options, content.length);
  if (partial) response.setHeader('Content-Range', `bytes ${content.start}-${content.start + content.length - 1}/${content.size}`);
  if (signal.aborted) return content.discard();
  await content.pipeTo(response);
}

async function answerHead(request: Request, response: Response, file: RecordingBlob, options: StreamOptions): Promise<void> {
  const blob = await options.storage.getProperties(file.key);
  if (!blob) throw new RecordingNotFoundError();
  setValidators(response, blob);
  if (ifNoneMatchHits(headerOf(request, 'if-none-match'), blob.etag)) {
    response.status(304).end();
    return;
  }
  let range = resolveRange(headerOf(request, 'range'), blob.size, options.portionSize);
  if (range.kind !== 'full' && !ifRangeAllowsPartial(headerOf(request, 'if-range'), blob.etag, blob.lastModified)) range = { kind: 'full' };
  if (range.kind === 'unsatisfiable') return refuseRange(response, blob.size);
  response.status(range.kind === 'partial' ? 206 : 200);
  setContentHeaders(response, file, options, range.kind === 'partial' ? range.end - range.start + 1 : blob.size);
  if (range.kind === 'partial') response.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${blob.size}`);
  response.end();
}

function setValidators(response: Response, blob: Pick<BlobProperties, 'etag' | 'lastModified'>): void {
  if (blob.etag) response.setHeader('ETag', blob.etag);
  response.setHeader('Last-Modified', blob.lastModified.toUTCString());
}

function setContentHeaders(response: Response, file: RecordingBlob, options: StreamOptions, length: number): void {
  response.setHeader('Content-Type', 'video/mp4');
  response.setHeader('Content-Length', String(length));
  response.setHeader('Content-Disposition', contentDisposition(options.download ? 'attachment' : 'inline', file.name));
}

function refuseRange(response: Response, size: number): void {
  response.setHeader('Content-Range', `bytes */${size}`);
  response.status(416).json({ errorMessage: `Range not satisfiable: the recording has ${size} bytes` });
}
