import { neutralRecordingFileName, SHARED_PATH } from '@recording/contracts';

import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { RecordingName, SharedAccess } from '../../access/access.decorators';
import { AppConfig } from '../../config/app-config';
import { ErrorResponseDto } from '../../errors/error-response.dto';
import { BlobStorageService } from '../../storage/blob-storage.service';
import { RecordingLibraryService } from '../catalog/recording-catalog.service';
import { downloadFlag } from '../../validation/recording-params';
import { sendPoster } from '../catalog/recording-poster.controller';
import { RecordingPosterService } from '../catalog/recording-poster.service';
import { streamRecording } from './recording-stream';

const TOKEN_PARAM = { name: 'token', description: 'The opaque token of a share link (the last part of /watch/<token>)' };

/**
 * A share link's recording, addressed by its opaque token alone: the `/watch/<token>` page plays it from here, and
 * nothing in these answers names the recording or its room (the download's file name says when it was recorded).
 */
@ApiTags('shared')
@Controller(SHARED_PATH)
export class SharedRecordingController {
  constructor(
    readonly library: RecordingLibraryService,
    readonly posters: RecordingPosterService,
    readonly storage: BlobStorageService,
    private readonly config: AppConfig,
  ) {}

  /** Express answers HEAD with this GET route too; nothing is downloaded then. */
  @Get(':token')
  @SharedAccess()
  @ApiOperation({ summary: "Stream a share link's recording (GET or HEAD, Range requests as for /recordings/:recordingName)" })
  @ApiParam(TOKEN_PARAM)
  @ApiQuery({ name: 'download', required: false, enum: ['1', '0'], description: '1: Content-Disposition attachment' })
  @ApiProduces('video/mp4')
  @ApiResponse({ status: 200, description: 'The whole file' })
  @ApiResponse({ status: 206, description: 'The requested byte range' })
  @ApiResponse({ status: 416, type: ErrorResponseDto, description: 'Range not satisfiable' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The link expired or was revoked, or the recording is gone' })
  public async stream(
    @RecordingName() name: string,
    @Query('download') download: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { key } = this.library.blobOf(name);
    await streamRecording(
      request,
      response,
      { key, name: neutralRecordingFileName(name) },
      {
        storage: this.storage,
        portionSize: this.config.recordingFilePortionSize,
        download: downloadFlag(download),
      },
    );
  }

  @Get(':token/poster')
  @SharedAccess()
  @ApiOperation({ summary: "The poster of a share link's recording" })
  @ApiParam(TOKEN_PARAM)
  @ApiProduces('image/jpeg')
  @ApiResponse({ status: 200, description: 'The poster' })
  @ApiResponse({ status: 304, description: 'If-None-Match: the client copy is current' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The link expired or was revoked, or the recording is gone' })
  public async poster(@RecordingName() name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    await sendPoster(request, response, name, this);
  }
}
