import { CreateShareResponse, parseRecordingName, RevokeSharesResponse, SHARE_EXPIRY_MINUTES, WATCH_PATH } from '@recording/contracts';

import { Body, Controller, Delete, HttpCode, Logger, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { Actor, RecordingManageAccess, RecordingName } from '../../access/access.decorators';
import { ApiErrorResponses, JSON_BODY_ERRORS, upstreamErrors } from '../../errors/api-error-responses';
import { RateLimited } from '../../rate-limit/rate-limited.decorator';
import { CreateShareRequestDto, CreateShareResponseDto, RevokeSharesResponseDto } from './dto/share.dto';
import { ShareLinks } from './share-links';

/** Share links of one recording: a `/watch/<token>` page anyone with the link can play, until it expires or is revoked. */
@ApiTags('recordings')
@Controller('recordings')
export class RecordingSharesController {
  private readonly logger = new Logger('RecordingShares');

  constructor(private readonly shareLinks: ShareLinks) {}

  @Post(':recordingName/share')
  @HttpCode(200)
  @RateLimited()
  @RecordingManageAccess()
  @ApiOperation({ summary: 'Create a share link that plays this recording, and nothing else, until it expires' })
  @ApiOkResponse({ type: CreateShareResponseDto })
  @ApiErrorResponses({ ...JSON_BODY_ERRORS, ...upstreamErrors('Storage') })
  @ApiErrorResponses({ 400: 'Invalid expiresInMinutes' })
  public async create(
    @RecordingName() name: string,
    @Body() body: CreateShareRequestDto,
    @Req() request: Request,
    @Actor() actor: string | undefined,
  ): Promise<CreateShareResponse> {
    const { token, expiresAt } = await this.shareLinks.create(name, body.expiresInMinutes ?? SHARE_EXPIRY_MINUTES.default);
    this.logger.log(
      { event: 'recording.shared', room: parseRecordingName(name)?.roomName, recording: name, actor, expiresAt, outcome: 'shared' },
      'Share link created',
    );
    return { url: `${request.protocol}://${request.get('host')}/${WATCH_PATH}/${token}`, expiresAt };
  }

  @Delete(':recordingName/share')
  @RateLimited()
  @RecordingManageAccess()
  @ApiOperation({ summary: 'Revoke every share link of this recording issued so far' })
  @ApiOkResponse({ type: RevokeSharesResponseDto })
  @ApiErrorResponses(upstreamErrors('Storage'))
  public async revoke(@RecordingName() name: string, @Actor() actor: string | undefined): Promise<RevokeSharesResponse> {
    await this.shareLinks.revokeAll(name);
    this.logger.log(
      { event: 'recording.share_revoked', room: parseRecordingName(name)?.roomName, recording: name, actor, outcome: 'revoked' },
      'Share links revoked',
    );
    return { message: 'Share links revoked' };
  }
}
