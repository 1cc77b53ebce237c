import { DeleteRecordingResponse, ListRecordingsResponse, StartRecordingResponse, StopRecordingResponse } from '@recording/contracts';

import { Body, Controller, Delete, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiExcludeEndpoint,
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';

import {
  AccessScope,
  Actor,
  ListAccess,
  RecordingManageAccess,
  RecordingName,
  RecordingReadAccess,
  RoomControlAccess,
} from '../../access/access.decorators';
import { ListScope } from '../../access/access-policy';
import { AppConfig } from '../../config/app-config';
import { InvalidInputError } from '../../errors/domain-errors';
import { ErrorResponseDto } from '../../errors/error-response.dto';
import { RateLimited } from '../../rate-limit/rate-limited.decorator';
import { BlobStorageService } from '../../storage/blob-storage.service';
import { ListRecordingsQueryDto } from './dto/list-recordings-query.dto';
import {
  DeleteRecordingResponseDto,
  ListRecordingsResponseDto,
  StartRecordingResponseDto,
  StopRecordingResponseDto,
} from './dto/recording-catalog.dto';
import { RoomRequestDto } from '../control/dto/room-request.dto';
import { RecordingLibraryService } from './recording-catalog.service';
import { downloadFlag, NAME_PARAM } from '../../validation/recording-params';
import { RecordingReconciler } from '../control/recording-reconciler.service';
import { streamRecording } from '../playback/recording-stream';
import { RecordingsService } from '../control/room-recording.service';

@ApiTags('recordings')
@ApiInternalServerErrorResponse({ type: ErrorResponseDto, description: 'Storage or LiveKit failed' })
@ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'Storage or LiveKit unreachable' })
@Controller('recordings')
export class RecordingsController {
  constructor(
    private readonly recordings: RecordingsService,
    private readonly library: RecordingLibraryService,
    private readonly reconciler: RecordingReconciler,
    private readonly storage: BlobStorageService,
    private readonly config: AppConfig,
  ) {}

  @Post('start')
  @HttpCode(200)
  @RateLimited()
  @RoomControlAccess()
  @ApiOperation({ summary: 'Start recording the room (a LiveKit room-composite egress to an MP4 in Azure)' })
  @ApiOkResponse({ type: StartRecordingResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Missing or invalid roomName' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Recording already started for this room; or the room does not exist or has no participants',
  })
  public async start(@Body() body: RoomRequestDto, @Actor() actor: string | undefined): Promise<StartRecordingResponse> {
    return { message: 'Recording started', recording: await this.recordings.start(body.roomName, actor) };
  }

  @Post('stop')
  @HttpCode(200)
  @RateLimited()
  @RoomControlAccess()
  @ApiOperation({ summary: "Stop the room's recording (also one still starting)" })
  @ApiOkResponse({ type: StopRecordingResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Missing or invalid roomName' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Recording not started for this room' })
  public async stop(@Body() body: RoomRequestDto, @Actor() actor: string | undefined): Promise<StopRecordingResponse> {
    return { message: 'Recording stopped', recording: await this.recordings.stop(body.roomName, actor) };
  }

  @Get()
  @RateLimited('listing')
  @ListAccess()
  @ApiOperation({ summary: 'List stored recordings of the rooms the credential covers (the operator: all), newest first' })
  @ApiOkResponse({ type: ListRecordingsResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid query value' })
  public async list(@Query() query: ListRecordingsQueryDto, @AccessScope() scope: ListScope): Promise<ListRecordingsResponse> {
    // A room's list is read when someone joins it: its recordings are checked against LiveKit first, for a room the
    // credential covers only (anyone else gets an empty list, and no work is done on their behalf).
    if (query.roomName !== undefined && coversRoom(scope, query.roomName)) await this.reconciler.reconcile(query.roomName);
    return this.library.list(query, scope);
  }

  /** Express answers HEAD with this GET route too; the method is checked inside and nothing is downloaded. */
  @Get(':recordingName')
  @RecordingReadAccess()
  @ApiOperation({ summary: 'Stream a recording (GET or HEAD; Range requests supported; HEAD downloads nothing)' })
  @ApiParam(NAME_PARAM)
  @ApiQuery({ name: 'download', required: false, enum: ['1', '0'], description: '1: Content-Disposition attachment' })
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
    const file = this.library.blobOf(name);
    await streamRecording(request, response, file, {
      storage: this.storage,
      portionSize: this.config.recordingFilePortionSize,
      download: downloadFlag(download),
    });
  }

  @Delete(':recordingName')
  @RateLimited()
  @RecordingManageAccess()
  @ApiOperation({ summary: 'Delete a stored recording (and so end its share links)' })
  @ApiParam(NAME_PARAM)
  @ApiOkResponse({ type: DeleteRecordingResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid recording name' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Recording not found' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The recording is still being written' })
  public async delete(@RecordingName() name: string, @Actor() actor: string | undefined): Promise<DeleteRecordingResponse> {
    await this.library.delete(name, actor);
    return { message: 'Recording deleted' };
  }

  /** A "name" with a slash in it (`a/b.mp4`) is never one of ours: 400 like any other invalid name. */
  @Get('*path')
  @ApiExcludeEndpoint()
  public rejectNestedGet(): never {
    throw new InvalidInputError('Invalid recording name');
  }

  @Delete('*path')
  @ApiExcludeEndpoint()
  public rejectNestedDelete(): never {
    throw new InvalidInputError('Invalid recording name');
  }
}

function coversRoom(scope: ListScope, roomName: string): boolean {
  return scope === 'all' || scope.includes(roomName);
}
