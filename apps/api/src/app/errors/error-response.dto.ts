import { ErrorResponse } from '@recording/contracts';

import { ApiProperty } from '@nestjs/swagger';

/** The body of every 4xx/5xx answer, for the OpenAPI document. */
export class ErrorResponseDto implements ErrorResponse {
  @ApiProperty({ example: 'Recording not found' })
  errorMessage!: string;
}
