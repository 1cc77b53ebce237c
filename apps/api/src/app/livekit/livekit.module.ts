import { Global, Module } from '@nestjs/common';

import { AccessTokenService } from './access-token.service';
import { EgressService } from './egress.service';
import { RoomService } from './room.service';
import { WebhookVerifier } from './webhook-verifier.service';

/** The LiveKit adapter: the only code that imports livekit-server-sdk; the rest of the API sees its own types. */
@Global()
@Module({
  providers: [EgressService, RoomService, WebhookVerifier, AccessTokenService],
  exports: [EgressService, RoomService, WebhookVerifier, AccessTokenService],
})
export class LiveKitModule {}
