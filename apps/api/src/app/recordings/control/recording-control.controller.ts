import { StartRecordingResponse, StopRecordingResponse } from '@recording/contracts';

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
import { StartRecordingResponseDto, StopRecordingResponseDto } from './dto/recording-control.dto';
import { RoomRequestDto } from './dto/room-request.dto';
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
  @ApiOperation({ summary: 'Start recording the room (a LiveKit room-composite egress to an MP4 in Azure)' })
  @ApiOkResponse({ type: StartRecordingResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Missing or invalid roomName' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'Recording already started for this room; or the room does not exist or has no participants',
  })
  public async start(@Body() body: RoomRequestDto, @Actor() actor: string | undefined): Promise<StartRecordingResponse> {
    return { message: 'Recording started', recording: await this.control.start(body.roomName, actor) };
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
