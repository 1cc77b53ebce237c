import { AuthMode, LogoutResponse, OperatorSignInRequest, OperatorSignInResponse, SessionResponse } from '@recording/contracts';

import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class OperatorSignInRequestDto implements OperatorSignInRequest {
  @ApiProperty({ description: 'OPERATOR_SECRET', format: 'password' })
  @IsString({ message: 'secret is required' })
  @MaxLength(1024, { message: 'secret is too long' })
  secret!: string;
}

export class OperatorSignInResponseDto implements OperatorSignInResponse {
  @ApiProperty({ description: 'Operator token: send as "Authorization: Bearer"; the recording_operator cookie carries it too' })
  token!: string;

  @ApiProperty({ type: 'integer', description: 'Epoch milliseconds (12 h after sign-in)' })
  expiresAt!: number;
}

export class SessionResponseDto implements SessionResponse {
  @ApiProperty({ enum: ['room', 'open'] })
  mode!: AuthMode;

  @ApiProperty({ description: 'Signed in as operator' })
  operator!: boolean;

  @ApiProperty({ type: [String], description: 'Rooms this browser joined (or the Bearer token is for), newest first' })
  rooms!: string[];

  @ApiProperty({ description: 'The server has an operator sign-in (OPERATOR_SECRET is set)' })
  operatorSignIn!: boolean;
}

export class LogoutResponseDto implements LogoutResponse {
  @ApiProperty({ example: 'Signed out' })
  message!: 'Signed out';
}
