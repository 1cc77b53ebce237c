import { CreateShareRequest, CreateShareResponse, RevokeSharesResponse, SHARE_EXPIRY_MINUTES } from '@recording/contracts';

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const EXPIRY_RULE = `expiresInMinutes must be a whole number of minutes from ${SHARE_EXPIRY_MINUTES.min} to ${SHARE_EXPIRY_MINUTES.max}`;

export class CreateShareRequestDto implements CreateShareRequest {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: SHARE_EXPIRY_MINUTES.min,
    maximum: SHARE_EXPIRY_MINUTES.max,
    default: SHARE_EXPIRY_MINUTES.default,
    description: 'How long the link works (default one day, at most 30 days)',
  })
  @IsOptional()
  @IsInt({ message: EXPIRY_RULE })
  @Min(SHARE_EXPIRY_MINUTES.min, { message: EXPIRY_RULE })
  @Max(SHARE_EXPIRY_MINUTES.max, { message: EXPIRY_RULE })
  expiresInMinutes?: number;
}

export class CreateShareResponseDto implements CreateShareResponse {
  @ApiProperty({ example: 'https://app.example.com/watch/eyJyIjoi…', description: 'Absolute URL of the /watch/<token> page' })
  url!: string;

  @ApiProperty({ type: 'integer', description: 'Epoch milliseconds' })
  expiresAt!: number;
}

export class RevokeSharesResponseDto implements RevokeSharesResponse {
  @ApiProperty({ example: 'Share links revoked' })
  message!: 'Share links revoked';
}
