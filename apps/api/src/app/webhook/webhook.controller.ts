import { Controller, Headers, HttpCode, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { ApiErrorResponses, upstreamErrors } from '../errors/api-error-responses';
import { WebhookService } from './webhook.service';

@ApiTags('livekit')
@Controller('livekit')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Post('webhook')
  @HttpCode(200)
  @ApiOperation({ summary: 'LiveKit webhook receiver (egress events update recordings and notify the room)' })
  @ApiConsumes('application/webhook+json', 'application/json')
  @ApiHeader({ name: 'Authorization', description: 'Raw JWT signed with the API secret, claim sha256 = base64(SHA-256(body))' })
  @ApiBody({ description: 'LiveKit WebhookEvent (JSON), verified byte for byte', schema: { type: 'object' } })
  @ApiOkResponse({ description: 'Event accepted (also a duplicate or an event of no interest)' })
  @ApiErrorResponses(upstreamErrors('Storage or LiveKit'))
  @ApiErrorResponses({
    400: 'Signed, but not a LiveKit event (or, sent as application/json, not JSON)',
    401: 'Missing or wrong signature, key or body hash',
    413: 'The body is larger than 1 MB (16 kB when sent as application/json)',
    415: 'A Content-Encoding or charset the server cannot read',
    503: 'The room is busy with another recording change: LiveKit delivers the event again',
  })
  public async receive(
    @Req() request: RawBodyRequest<Request>,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<void> {
    // The signature covers the exact bytes: the raw parser (application/webhook+json) or the JSON parser's copy.
    const raw = Buffer.isBuffer(request.body) ? request.body : (request.rawBody ?? Buffer.alloc(0));
    await this.webhooks.receive(raw.toString('utf8'), authorization);
  }
}
