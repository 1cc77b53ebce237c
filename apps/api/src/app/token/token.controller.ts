import { TokenResponse } from '@recording/contracts';

import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { AccessCookies, ROOM_ACCESS_COOKIE } from '../access/access-cookies';
import { AppConfig } from '../config/app-config';
import { ApiErrorResponses, JSON_BODY_ERRORS } from '../errors/api-error-responses';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { TokenService } from './token.service';
import { TokenRequestDto, TokenResponseDto } from './token-request.dto';

@ApiTags('token')
@Controller('token')
export class TokenController {
  constructor(
    private readonly tokens: TokenService,
    private readonly cookies: AccessCookies,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @RateLimited()
  @ApiOperation({
    summary: 'Access token to join a LiveKit room (publish, subscribe, data; never roomRecord)',
    description: `Open to anyone. In AUTH_MODE=room it also sets the ${ROOM_ACCESS_COOKIE} cookie (HttpOnly, SameSite=Strict), which adds this room to the rooms this browser may reach the recordings of.`,
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrorResponses(JSON_BODY_ERRORS)
  @ApiErrorResponses({ 400: 'roomName or participantName missing or invalid' })
  public async createToken(
    @Body() body: TokenRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TokenResponse> {
    const { token, expiresAt } = await this.tokens.createToken(body.roomName, body.participantName);
    if (this.config.access.mode === 'room') {
      this.cookies.addRoomPass(request, response, { room: body.roomName, name: body.participantName, expiresAt });
    }
    return { token };
  }
}
