import { RoomRequest } from '@recording/contracts';

import { ApiProperty } from '@nestjs/swagger';

import { IsRoomName } from '../../../validation/name-validators';

export class RoomRequestDto implements RoomRequest {
  @ApiProperty({
    example: 'Test Room',
    description: '1-100 letters and digits of any script, space, "-", "_", "."; no leading/trailing space',
    minLength: 1,
    maxLength: 100,
  })
  @IsRoomName()
  roomName!: string;
}
