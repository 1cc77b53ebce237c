import { Global, Module } from '@nestjs/common';

import { EgressService } from './egress.service';

@Global()
@Module({
  providers: [EgressService],
  exports: [EgressService],
})
export class LiveKitModule {}
