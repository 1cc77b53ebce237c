import { Global, Module } from '@nestjs/common';

import { RecordingDetailsStore } from '../recordings/catalog/recording-details.service';
import { AccessGuard } from './access.guard';
import { AccessCookies } from './access-cookies';
import { AuthController } from './auth.controller';
import { CredentialReader } from './credential-reader';
import { OperatorSessions } from './operator-sessions';
import { SessionKeys } from './session-keys';
import { ShareLinks } from '../recordings/catalog/share-links';

/** Credentials (room tokens, cookies, operator, share links) and the guard that decides with them. */
@Global()
@Module({
  controllers: [AuthController],
  providers: [SessionKeys, AccessCookies, OperatorSessions, CredentialReader, RecordingDetailsStore, ShareLinks, AccessGuard],
  exports: [AccessCookies, RecordingDetailsStore, ShareLinks, AccessGuard],
})
export class AccessModule {}
