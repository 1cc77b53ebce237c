import { LogoutResponse, OperatorSignInResponse, SessionResponse } from '@recording/contracts';

import { Body, Controller, Get, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { AppConfig } from '../config/app-config';
import { ApiErrorResponses, JSON_BODY_ERRORS, upstreamErrors } from '../errors/api-error-responses';
import { DomainError } from '../errors/domain-errors';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { AccessCookies } from './access-cookies';
import { OPERATOR_ACTOR } from './access-policy';
import { LogoutResponseDto, OperatorSignInRequestDto, OperatorSignInResponseDto, SessionResponseDto } from './auth.dto';
import { CredentialReader } from './credential-reader';
import { OperatorSessions } from './operator-sessions';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly operators: OperatorSessions,
    private readonly cookies: AccessCookies,
    private readonly reader: CredentialReader,
    private readonly config: AppConfig,
  ) {}

  @Post('operator')
  @HttpCode(200)
  @RateLimited()
  @ApiOperation({ summary: 'Operator sign-in with OPERATOR_SECRET: a token and the recording_operator cookie (12 h)' })
  @ApiOkResponse({ type: OperatorSignInResponseDto })
  @ApiErrorResponses({ ...JSON_BODY_ERRORS, ...upstreamErrors('Storage') })
  @ApiErrorResponses({
    400: 'secret is missing, not a string, or longer than 1024 characters',
    401: 'Wrong operator secret',
    404: 'The server has no operator sign-in (OPERATOR_SECRET unset)',
  })
  public async signIn(
    @Body() body: OperatorSignInRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OperatorSignInResponse> {
    try {
      const session = await this.operators.signIn(body.secret);
      this.cookies.setOperator(request, response, session.token);
      this.logger.log({ event: 'operator.signed_in', actor: OPERATOR_ACTOR, outcome: 'signed in' }, 'Operator signed in');
      return session;
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'unauthorized') {
        this.logger.warn(
          { event: 'operator.signed_in', actor: OPERATOR_ACTOR, outcome: 'refused: wrong secret' },
          'Operator sign-in refused',
        );
      }
      throw error;
    }
  }

  @Get('session')
  @ApiOperation({ summary: 'What this browser (its cookies) or Bearer token may reach' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiErrorResponses(upstreamErrors('Storage (the operator sessions)'))
  public async session(@Req() request: Request): Promise<SessionResponse> {
    const { credentials } = await this.reader.read(request);
    return {
      mode: this.config.access.mode,
      operator: credentials.operator,
      rooms: [...new Set(credentials.passes.map((pass) => pass.room))],
      operatorSignIn: this.operators.enabled,
    };
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Clears the recording_access and recording_operator cookies; with an operator credential it also ends every operator session, on every replica',
  })
  @ApiOkResponse({ type: LogoutResponseDto })
  @ApiErrorResponses(upstreamErrors('Storage (the operator sessions)'))
  public async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LogoutResponse> {
    const { credentials } = await this.reader.read(request);
    if (credentials.operator) {
      await this.operators.signOutEverywhere();
      this.logger.log(
        { event: 'operator.signed_out', actor: OPERATOR_ACTOR, outcome: 'every operator session ended' },
        'Operator signed out',
      );
    }
    this.cookies.clearAll(request, response);
    return { message: 'Signed out' };
  }
}
