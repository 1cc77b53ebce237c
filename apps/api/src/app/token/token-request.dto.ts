import { NAME_MAX_LENGTH, NAME_PATTERNS, TokenRequest, TokenResponse } from '@recording/contracts';

import { ApiProperty } from '@nestjs/swagger';

import { IsParticipantName, RoomNameField } from '../validation/name-validators';

export class TokenRequestDto implements TokenRequest {
  @RoomNameField()
  roomName!: string;

  @ApiProperty({
    example: 'Participant42',
    minLength: 1,
    maxLength: NAME_MAX_LENGTH,
    description: 'No control characters, not blank',
    pattern: NAME_PATTERNS.participantName,
  })
  @IsParticipantName()
  participantName!: string;
}

export class TokenResponseDto implements TokenResponse {
  @ApiProperty({ description: 'LiveKit access token (JWT)' })
  token!: string;
}
