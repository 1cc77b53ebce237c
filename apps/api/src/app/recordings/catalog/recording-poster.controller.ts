import { SHARED_PATH } from '@recording/contracts';

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

import { RecordingName, RecordingReadAccess, SharedAccess } from '../../access/access.decorators';
import { ErrorResponseDto } from '../../errors/error-response.dto';
import { NAME_PARAM, SHARE_TOKEN_PARAM } from '../../validation/recording-params';
import { headerOf, ifNoneMatchHits } from '../../web/conditional-requests';
import { RecordingPosterService } from './recording-poster.service';

/** Posters change only when their recording does (a new poster gets a new ETag): browsers may keep them a day. */
const POSTER_CACHE_CONTROL = 'private, max-age=86400';

/** Express answers HEAD with these GET routes too: headers only. */
@ApiProduces('image/jpeg')
@ApiResponse({ status: 200, description: 'The poster; ETag, Cache-Control: private, max-age=86400' })
@ApiResponse({ status: 304, description: 'If-None-Match: the client copy is current' })
@ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'The poster cannot be made right now' })
@Controller()
export class RecordingPosterController {
  constructor(private readonly posters: RecordingPosterService) {}

  @Get('recordings/:recordingName/poster')
  @RecordingReadAccess()
  @ApiTags('recordings')
  @ApiOperation({ summary: 'A JPEG frame from about 1 s into the recording (at most 640 px wide), made once and kept' })
  @ApiParam(NAME_PARAM)
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid recording name' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Recording not found' })
  public poster(@RecordingName() name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return this.send(request, response, name);
  }

  @Get(`${SHARED_PATH}/:token/poster`)
  @SharedAccess()
  @ApiTags('shared')
  @ApiOperation({ summary: "The poster of a share link's recording" })
  @ApiParam(SHARE_TOKEN_PARAM)
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The link expired or was revoked, or the recording is gone' })
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
