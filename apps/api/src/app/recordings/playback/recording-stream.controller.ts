import { neutralRecordingFileName, SHARED_PATH } from '@recording/contracts';

import { applyDecorators, Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags, HeadersObject } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { RecordingName, RecordingReadAccess, SharedAccess } from '../../access/access.decorators';
import { ApiErrorResponses } from '../../errors/api-error-responses';
import { DOWNLOAD_QUERY, downloadFlag } from '../../validation/recording-params';
import { RecordingPlayback } from './recording-playback.service';

const header = (description: string, required = true) => ({ description, required, schema: { type: 'string' } });
const ALWAYS: HeadersObject = {
  'Accept-Ranges': header('bytes'),
  'Cache-Control': header('private, no-cache'),
};
const VALIDATORS: HeadersObject = { ETag: header("The stored file's entity tag"), 'Last-Modified': header('When the file was stored') };
const CONTENT: HeadersObject = {
  ...ALWAYS,
  ...VALIDATORS,
  'Content-Length': { description: 'Bytes in this answer', required: true, schema: { type: 'integer', minimum: 0 } },
  'Content-Disposition': header('inline, or attachment with ?download=1; with an RFC 6266 filename*'),
};
const MP4 = { 'video/mp4': { schema: { type: 'string', format: 'binary' } } };

/** The contract's answers to GET (and HEAD, which sends the same headers and no body) of one recording. */
const StreamResponses = () =>
  applyDecorators(
    ApiQuery(DOWNLOAD_QUERY),
    ApiResponse({ status: 200, description: 'The whole file (no Range, or one that is ignored)', headers: CONTENT, content: MP4 }),
    ApiResponse({
      status: 206,
      description: 'The requested byte range (an open range gets RECORDING_FILE_PORTION_SIZE bytes)',
      headers: { ...CONTENT, 'Content-Range': header('bytes <first>-<last>/<size>') },
      content: MP4,
    }),
    ApiResponse({ status: 304, description: 'If-None-Match: the client copy is current', headers: { ...ALWAYS, ...VALIDATORS } }),
    ApiErrorResponses({
      400: 'download is not 1, true, 0 or false',
      416: {
        description: 'Range not satisfiable (it starts past the end, or bytes=-0)',
        headers: { ...ALWAYS, 'Content-Range': header('bytes */<size>') },
      },
      500: 'Storage answered with an error',
      503: 'Storage cannot be reached; try again later',
    }),
  );

/** Express answers HEAD with these GET routes too; the method is checked inside and nothing is downloaded. */
@Controller()
export class RecordingStreamController {
  constructor(private readonly playback: RecordingPlayback) {}

  @Get('recordings/:recordingName')
  @RecordingReadAccess()
  @ApiTags('recordings')
  @ApiOperation({ summary: 'Stream a recording (GET or HEAD; Range requests supported; HEAD downloads nothing)' })
  @StreamResponses()
  public async stream(
    @RecordingName() name: string,
    @Query('download') download: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.playback.stream(request, response, name, { download: downloadFlag(download) });
  }

  /**
   * A share link's recording, by its opaque token alone: the `/watch/<token>` page plays it from here, and nothing in
   * the answer names the recording or its room (a download is called after when it was recorded).
   */
  @Get(`${SHARED_PATH}/:token`)
  @SharedAccess()
  @ApiTags('shared')
  @ApiOperation({ summary: "Stream a share link's recording (GET or HEAD, Range requests as for /recordings/:recordingName)" })
  @StreamResponses()
  public async streamShared(
    @RecordingName() name: string,
    @Query('download') download: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.playback.stream(request, response, name, { download: downloadFlag(download), fileName: neutralRecordingFileName(name) });
  }
}
