import { Module } from '@nestjs/common';

import { RecordingsModule } from '../recordings/recordings.module';
import { TokenController } from './token.controller';
import { TokenService } from './token.service';

@Module({
  imports: [RecordingsModule],
  controllers: [TokenController],
  providers: [TokenService],
})
export class TokenModule {}
