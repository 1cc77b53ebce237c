import { TokenResponse } from '@recording/contracts';

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ErrorResponseDto } from '../errors/error-response.dto';
import { TokenService } from './token.service';
import { TokenRequestDto, TokenResponseDto } from './token-request.dto';

@ApiTags('token')
@Controller('token')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Access token to join a LiveKit room (publish, subscribe, data, record)' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'roomName or participantName missing or invalid' })
  public async createToken(@Body() body: TokenRequestDto): Promise<TokenResponse> {
    return { token: await this.tokens.createToken(body.roomName, body.participantName) };
  }
}
