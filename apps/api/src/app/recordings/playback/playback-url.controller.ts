import { PlaybackUrlResponse } from '@recording/contracts';

import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';

import { RecordingName, RecordingUrlAccess } from '../../access/access.decorators';
import { ApiErrorResponses, upstreamErrors } from '../../errors/api-error-responses';
import { DOWNLOAD_QUERY, downloadFlag } from '../../validation/recording-params';
import { PlaybackUrlResponseDto } from './dto/playback-url.dto';
import { RecordingPlayback } from './recording-playback.service';

/** Direct playback: the recording straight from storage, so the API leaves the data path (RECORDINGS_PLAYBACK=direct). */
@ApiTags('recordings')
@Controller('recordings')
export class PlaybackUrlController {
  constructor(private readonly playback: RecordingPlayback) {}

  @Get(':recordingName/url')
  @RecordingUrlAccess()
  // The URL works for anyone who holds it until it expires: no cache keeps it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'A read-only SAS URL of the recording (for PLAYBACK_URL_TTL), to play or download it straight from storage (never with a share token)',
  })
  @ApiQuery({ ...DOWNLOAD_QUERY, description: '1 or true: the URL downloads the file under its name (rscd)' })
  @ApiOkResponse({
    type: PlaybackUrlResponseDto,
    headers: { 'Cache-Control': { description: 'no-store', required: true, schema: { type: 'string' } } },
  })
  @ApiErrorResponses({ 400: 'download is not 1, true, 0 or false', ...upstreamErrors('Storage') })
  public playbackUrl(@RecordingName() name: string, @Query('download') download: unknown): Promise<PlaybackUrlResponse> {
    return this.playback.playbackUrl(name, { download: downloadFlag(download) });
  }
}
