import { ChangeLayoutResponse, DEFAULT_RECORDING_LAYOUT, StartRecordingResponse, StopRecordingResponse } from '@recording/contracts';

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiInternalServerErrorResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';

import { Actor, RoomControlAccess } from '../../access/access.decorators';
import { ErrorResponseDto } from '../../errors/error-response.dto';
import { RateLimited } from '../../rate-limit/rate-limited.decorator';
import { ChangeLayoutResponseDto, StartRecordingResponseDto, StopRecordingResponseDto } from './dto/recording-control.dto';
import { ChangeLayoutRequestDto, RoomRequestDto, StartRecordingRequestDto } from './dto/room-request.dto';
import { RecordingControl } from './recording-control';

@ApiTags('recordings')
@ApiInternalServerErrorResponse({ type: ErrorResponseDto, description: 'LiveKit or storage failed' })
@ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'LiveKit or storage unreachable' })
@Controller('recordings')
export class RecordingControlController {
  constructor(private readonly control: RecordingControl) {}

  @Post('start')
  @HttpCode(200)
  @RateLimited()
  @RoomControlAccess()
  @ApiOperation({ summary: 'Start recording the room (LiveKit Egress, or the embedded recorder, writing an MP4 to Azure)' })
  @ApiOkResponse({ type: StartRecordingResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Missing or invalid roomName, layout or audioOnly' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Recording already started for this room; or the room does not exist or has no participants',
  })
  public async start(@Body() body: StartRecordingRequestDto, @Actor() actor: string | undefined): Promise<StartRecordingResponse> {
    const options = { layout: body.layout ?? DEFAULT_RECORDING_LAYOUT, audioOnly: body.audioOnly ?? false };
    return { message: 'Recording started', recording: await this.control.start(body.roomName, options, actor) };
  }

  @Post('layout')
  @HttpCode(200)
  @RateLimited()
  @RoomControlAccess()
  @ApiOperation({ summary: "Switch the room's running recording to another layout (Egress UpdateLayout; the embedded recorder alike)" })
  @ApiOkResponse({ type: ChangeLayoutResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Missing or invalid roomName or layout' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The room is not recording, or records sound only' })
  public async changeLayout(@Body() body: ChangeLayoutRequestDto): Promise<ChangeLayoutResponse> {
    const recording = await this.control.changeLayout(body.roomName, body.layout);
    return { message: 'Layout changed', recording: { ...recording, layout: body.layout } };
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
    return { message: 'Recording stopped', recording: await this.control.stop(body.roomName, actor) };
  }
}
