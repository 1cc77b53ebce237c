import { TokenRequest, TokenResponse } from '@recording/contracts';

import { ApiProperty } from '@nestjs/swagger';

import { IsParticipantName, IsRoomName } from '../validation/name-validators';

export class TokenRequestDto implements TokenRequest {
  @ApiProperty({ example: 'Test Room', minLength: 1, maxLength: 100 })
  @IsRoomName()
  roomName!: string;

  @ApiProperty({ example: 'Participant42', minLength: 1, maxLength: 100, description: 'No control characters' })
  @IsParticipantName()
  participantName!: string;
}

export class TokenResponseDto implements TokenResponse {
  @ApiProperty({ description: 'LiveKit access token (JWT)' })
  token!: string;
}
