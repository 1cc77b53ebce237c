import { Module } from '@nestjs/common';

import { ControlModule } from '../recordings/control/control.module';
import { WebhookController } from './webhook.controller';
import { WebhookService } from './webhook.service';

@Module({
  imports: [ControlModule],
  controllers: [WebhookController],
  providers: [WebhookService],
})
export class WebhookModule {}
