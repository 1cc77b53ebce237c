import { Global, Module } from '@nestjs/common';

import { CatalogModule } from '../recordings/catalog/catalog.module';
import { AccessGuard } from './access.guard';
import { AccessCookies } from './access-cookies';
import { AuthController } from './auth.controller';
import { CredentialReader } from './credential-reader';
import { OperatorSessions } from './operator-sessions';
import { SessionKeys } from './session-keys';

/** Credentials (room tokens, cookies, operator, share links) and the guard that decides with them. */
@Global()
@Module({
  // Share tokens are checked against the recording's share generation, which the catalog keeps.
  imports: [CatalogModule],
  controllers: [AuthController],
  providers: [SessionKeys, AccessCookies, OperatorSessions, CredentialReader, AccessGuard],
  exports: [AccessCookies, SessionKeys, AccessGuard],
})
export class AccessModule {}
