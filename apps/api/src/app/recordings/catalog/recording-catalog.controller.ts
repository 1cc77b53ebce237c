import { DeleteRecordingResponse, ListRecordingsResponse } from '@recording/contracts';

import { Controller, Delete, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';

import { AccessScope, Actor, ListAccess, RecordingManageAccess, RecordingName } from '../../access/access.decorators';
import { ListScope } from '../../access/access-policy';
import { ErrorResponseDto } from '../../errors/error-response.dto';
import { RateLimited } from '../../rate-limit/rate-limited.decorator';
import { NAME_PARAM } from '../../validation/recording-params';
import { ListRecordingsQueryDto } from './dto/list-recordings-query.dto';
import { DeleteRecordingResponseDto, ListRecordingsResponseDto } from './dto/recording-catalog.dto';
import { RecordingCatalog } from './recording-catalog.service';

@ApiTags('recordings')
@ApiInternalServerErrorResponse({ type: ErrorResponseDto, description: 'Storage or LiveKit failed' })
@ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'Storage or LiveKit unreachable' })
@Controller('recordings')
export class RecordingCatalogController {
  constructor(private readonly catalog: RecordingCatalog) {}

  @Get()
  @RateLimited('listing')
  @ListAccess()
  @ApiOperation({ summary: 'List stored recordings of the rooms the credential covers (the operator: all), newest first' })
  @ApiOkResponse({ type: ListRecordingsResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid query value' })
  public list(@Query() query: ListRecordingsQueryDto, @AccessScope() scope: ListScope): Promise<ListRecordingsResponse> {
    return this.catalog.list(query, scope);
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
    await this.catalog.delete(name, actor);
    return { message: 'Recording deleted' };
  }
}
