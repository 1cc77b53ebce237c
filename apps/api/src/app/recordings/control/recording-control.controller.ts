import { ChangeLayoutResponse, DEFAULT_RECORDING_LAYOUT, StartRecordingResponse, StopRecordingResponse } from '@recording/contracts';

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor, RoomControlAccess } from '../../access/access.decorators';
import { ApiErrorResponses, JSON_BODY_ERRORS, upstreamErrors } from '../../errors/api-error-responses';
import { RateLimited } from '../../rate-limit/rate-limited.decorator';
import { ChangeLayoutResponseDto, StartRecordingResponseDto, StopRecordingResponseDto } from './dto/recording-control.dto';
import { ChangeLayoutRequestDto, RoomRequestDto, StartRecordingRequestDto } from './dto/room-request.dto';
import { RecordingControl } from './recording-control';

const CONTROL_ERRORS = { ...JSON_BODY_ERRORS, ...upstreamErrors('LiveKit or storage') };

@ApiTags('recordings')
@Controller('recordings')
export class RecordingControlController {
  constructor(private readonly control: RecordingControl) {}

  @Post('start')
  @HttpCode(200)
  @RateLimited()
  @RoomControlAccess()
  @ApiOperation({ summary: 'Start recording the room (LiveKit Egress, or the embedded recorder, writing an MP4 to Azure)' })
  @ApiOkResponse({ type: StartRecordingResponseDto })
  @ApiErrorResponses(CONTROL_ERRORS)
  @ApiErrorResponses({
    400: 'Invalid layout or audioOnly',
    409: 'Recording already started for this room; or the room does not exist or has no participants',
    503: 'LiveKit has no Egress connected and RECORDER does not allow the embedded recorder, or that is at RECORDER_MAX_CONCURRENT',
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
  @ApiErrorResponses(CONTROL_ERRORS)
  @ApiErrorResponses({ 400: 'Missing or invalid layout', 409: 'The room is not recording, or records sound only' })
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
  @ApiErrorResponses({ ...CONTROL_ERRORS, 409: 'Recording not started for this room' })
  public async stop(@Body() body: RoomRequestDto, @Actor() actor: string | undefined): Promise<StopRecordingResponse> {
    return { message: 'Recording stopped', recording: await this.control.stop(body.roomName, actor) };
  }
}
