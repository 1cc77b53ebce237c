import { neutralRecordingFileName, SHARED_PATH } from '@recording/contracts';

import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { RecordingName, RecordingReadAccess, SharedAccess } from '../../access/access.decorators';
import { ErrorResponseDto } from '../../errors/error-response.dto';
import { downloadFlag, NAME_PARAM, SHARE_TOKEN_PARAM } from '../../validation/recording-params';
import { RecordingPlayback } from './recording-playback.service';

const DOWNLOAD_QUERY = { name: 'download', required: false, enum: ['1', '0'], description: '1: Content-Disposition attachment' };

/** Express answers HEAD with these GET routes too; the method is checked inside and nothing is downloaded. */
@ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'Storage unreachable' })
@Controller()
export class RecordingStreamController {
  constructor(private readonly playback: RecordingPlayback) {}

  @Get('recordings/:recordingName')
  @RecordingReadAccess()
  @ApiTags('recordings')
  @ApiOperation({ summary: 'Stream a recording (GET or HEAD; Range requests supported; HEAD downloads nothing)' })
  @ApiParam(NAME_PARAM)
  @ApiQuery(DOWNLOAD_QUERY)
  @ApiProduces('video/mp4')
  @ApiResponse({ status: 200, description: 'The whole file' })
  @ApiResponse({ status: 206, description: 'The requested byte range (open ranges get RECORDING_FILE_PORTION_SIZE bytes)' })
  @ApiResponse({ status: 304, description: 'If-None-Match: the client copy is current' })
  @ApiResponse({ status: 416, type: ErrorResponseDto, description: 'Range not satisfiable; Content-Range: bytes */size' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid recording name' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Recording not found' })
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
  @ApiParam(SHARE_TOKEN_PARAM)
  @ApiQuery(DOWNLOAD_QUERY)
  @ApiProduces('video/mp4')
  @ApiResponse({ status: 200, description: 'The whole file' })
  @ApiResponse({ status: 206, description: 'The requested byte range' })
  @ApiResponse({ status: 416, type: ErrorResponseDto, description: 'Range not satisfiable' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The link expired or was revoked, or the recording is gone' })
  public async streamShared(
    @RecordingName() name: string,
    @Query('download') download: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.playback.stream(request, response, name, { download: downloadFlag(download), fileName: neutralRecordingFileName(name) });
  }
}
