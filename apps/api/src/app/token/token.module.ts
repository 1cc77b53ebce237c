import { Module } from '@nestjs/common';

import { ControlModule } from '../recordings/control/control.module';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';

@Module({
  imports: [ControlModule],
  controllers: [TokenController],
  providers: [TokenService],
})
export class TokenModule {}
