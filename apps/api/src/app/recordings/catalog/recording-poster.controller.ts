import { Controller, Get, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { RecordingName, RecordingReadAccess } from '../../access/access.decorators';
import { RecordingNotFoundError } from '../../errors/domain-errors';
import { ErrorResponseDto } from '../../errors/error-response.dto';
import { BlobContent, BlobStorageService } from '../../storage/blob-storage.service';
import { ifNoneMatchHits } from '../playback/http-range';
import { RecordingLibraryService } from './recording-catalog.service';
import { NAME_PARAM } from '../../validation/recording-params';
import { RecordingPosterService } from './recording-poster.service';

/** Posters change only when their recording does (a new poster gets a new ETag): browsers may keep them a day. */
const POSTER_CACHE_CONTROL = 'private, max-age=86400';

@ApiTags('recordings')
@Controller('recordings')
export class RecordingPosterController {
  constructor(
    readonly library: RecordingLibraryService,
    readonly posters: RecordingPosterService,
    readonly storage: BlobStorageService,
  ) {}

  /** Express answers HEAD with this GET route too: headers only. */
  @Get(':recordingName/poster')
  @RecordingReadAccess()
  @ApiOperation({ summary: 'A JPEG frame from about 1 s into the recording (at most 640 px wide), made once and kept' })
  @ApiParam(NAME_PARAM)
  @ApiProduces('image/jpeg')
  @ApiResponse({ status: 200, description: 'The poster; ETag, Cache-Control: private, max-age=86400' })
  @ApiResponse({ status: 304, description: 'If-None-Match: the client copy is current' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid recording name' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Recording not found' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'The poster cannot be made right now' })
  public async poster(@RecordingName() name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await sendPoster(request, response, name, this);
  }
}

/** What answering with a poster needs. */
export interface PosterDeps {
  library: RecordingLibraryService;
  posters: RecordingPosterService;
  storage: BlobStorageService;
}

/** Answers GET/HEAD with the recording's poster (made now when there is none), validators, 304 and the JPEG. */
export async function sendPoster(request: Request, response: Response, name: string, deps: PosterDeps): Promise<void> {
  const recording = await deps.library.getFile(name);
  const poster = await deps.posters.posterOf(recording);
  response.setHeader('Cache-Control', POSTER_CACHE_CONTROL);
  response.setHeader('ETag', poster.etag);
  response.setHeader('Last-Modified', poster.lastModified.toUTCString());
  if (ifNoneMatchHits(headerOf(request, 'if-none-match'), poster.etag)) {
    response.status(304).end();
    return;
  }
  const abort = new AbortController();
  const body = request.method === 'HEAD' ? undefined : await openPoster(deps.storage, poster.key, abort.signal);
  response.status(200).type('image/jpeg').setHeader('Content-Length', String(poster.size));
  if (!body) {
    response.end();
    return;
  }
  response.once('close', () => abort.abort());
  await body.pipeTo(response).catch(() => response.destroy());
}

async function openPoster(storage: BlobStorageService, key: string, signal: AbortSignal): Promise<BlobContent> {
  const content = await storage.openContent(key, undefined, signal);
  // Stored a moment ago; gone only if someone deleted the recording meanwhile.
  if (content === 'missing' || content === 'unsatisfiable') throw new RecordingNotFoundError();
  return content;
}

function headerOf(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
