import { SHARED_PATH } from '@recording/contracts';

import { applyDecorators, Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { RecordingName, RecordingReadAccess, SharedAccess } from '../../access/access.decorators';
import { ApiErrorResponses } from '../../errors/api-error-responses';
import { headerOf, ifNoneMatchHits } from '../../web/conditional-requests';
import { RecordingPosterService } from './recording-poster.service';

/** Posters change only when their recording does (a new poster gets a new ETag): browsers may keep them a day. */
const POSTER_CACHE_CONTROL = 'private, max-age=86400';

const VALIDATORS = {
  ETag: { description: 'Changes when the poster does', required: true, schema: { type: 'string' } },
  'Last-Modified': { description: 'When the poster was made', required: true, schema: { type: 'string' } },
  'Cache-Control': { description: POSTER_CACHE_CONTROL, required: true, schema: { type: 'string' } },
};

/** What a poster request answers: the JPEG, 304, or a JSON error when it cannot be made. */
const PosterResponses = () =>
  applyDecorators(
    ApiResponse({
      status: 200,
      description: 'The poster (HEAD: its headers only)',
      headers: VALIDATORS,
      content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } },
    }),
    ApiResponse({ status: 304, description: 'If-None-Match: the client copy is current', headers: VALIDATORS }),
    ApiErrorResponses({
      500: 'Storage answered with an error',
      503: 'The poster cannot be made right now (ffmpeg is missing or busy, or storage cannot be reached)',
    }),
  );

/** Express answers HEAD with these GET routes too: headers only. */
@Controller()
export class RecordingPosterController {
  constructor(private readonly posters: RecordingPosterService) {}

  @Get('recordings/:recordingName/poster')
  @RecordingReadAccess()
  @ApiTags('recordings')
  @ApiOperation({ summary: 'A JPEG frame from about 1 s into the recording (at most 640 px wide), made once and kept (GET or HEAD)' })
  @PosterResponses()
  public poster(@RecordingName() name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.send(request, response, name);
  }

  @Get(`${SHARED_PATH}/:token/poster`)
  @SharedAccess()
  @ApiTags('shared')
  @ApiOperation({ summary: "The poster of a share link's recording (GET or HEAD)" })
  @PosterResponses()
  public sharedPoster(@RecordingName() name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.send(request, response, name);
  }

  /** The recording's poster (made now when there is none), with its validators, 304, and the JPEG piped from storage. */
  private async send(request: Request, response: Response, name: string): Promise<void> {
    const poster = await this.posters.posterOfRecording(name);
    response.setHeader('Cache-Control', POSTER_CACHE_CONTROL);
    response.setHeader('ETag', poster.etag);
    response.setHeader('Last-Modified', poster.lastModified.toUTCString());
    if (ifNoneMatchHits(headerOf(request, 'if-none-match'), poster.etag)) {
      response.status(304).end();
      return;
    }
    const abort = new AbortController();
    const body = request.method === 'HEAD' ? undefined : await this.posters.openPoster(poster, abort.signal);
    response.status(200).type('image/jpeg').setHeader('Content-Length', String(poster.size));
    if (!body) {
      response.end();
      return;
    }
    response.once('close', () => abort.abort());
    await body.pipeTo(response).catch(() => response.destroy());
  }
}
