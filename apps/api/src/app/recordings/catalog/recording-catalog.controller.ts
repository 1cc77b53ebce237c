import { DeleteRecordingResponse, ListRecordingsResponse } from '@recording/contracts';

import { Controller, Delete, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AccessScope, Actor, ListAccess, RecordingManageAccess, RecordingName } from '../../access/access.decorators';
import { ListScope } from '../../access/access-policy';
import { ApiErrorResponses, upstreamErrors } from '../../errors/api-error-responses';
import { RateLimited } from '../../rate-limit/rate-limited.decorator';
import { ListRecordingsQueryDto } from './dto/list-recordings-query.dto';
import { DeleteRecordingResponseDto, ListRecordingsResponseDto } from './dto/recording-catalog.dto';
import { RecordingCatalog } from './recording-catalog.service';

@ApiTags('recordings')
@Controller('recordings')
export class RecordingCatalogController {
  constructor(private readonly catalog: RecordingCatalog) {}

  @Get()
  @RateLimited('listing')
  @ListAccess()
  @ApiOperation({ summary: 'List stored recordings of the rooms the credential covers (the operator: all), newest first' })
  @ApiOkResponse({ type: ListRecordingsResponseDto })
  @ApiErrorResponses({
    400: 'Invalid query value (roomId, roomName, maxItems or pageToken), or one given twice',
    ...upstreamErrors('Storage or LiveKit'),
  })
  public list(@Query() query: ListRecordingsQueryDto, @AccessScope() scope: ListScope): Promise<ListRecordingsResponse> {
    return this.catalog.list(query, scope);
  }

  @Delete(':recordingName')
  @RateLimited()
  @RecordingManageAccess()
  @ApiOperation({ summary: 'Delete a stored recording (and so end its share links)' })
  @ApiOkResponse({ type: DeleteRecordingResponseDto })
  @ApiErrorResponses({ 409: 'The recording is still being written', ...upstreamErrors('Storage or LiveKit') })
  public async delete(@RecordingName() name: string, @Actor() actor: string | undefined): Promise<DeleteRecordingResponse> {
    await this.catalog.delete(name, actor);
    return { message: 'Recording deleted' };
  }
}
