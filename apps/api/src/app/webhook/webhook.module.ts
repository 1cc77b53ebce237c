import { Module } from '@nestjs/common';

import { RecordingsModule } from '../recordings/recordings.module';
import { WebhookController } from './webhook.controller';
import { WebhookService } from './webhook.service';

@Module({
  imports: [RecordingsModule],
  controllers: [WebhookController],
  providers: [WebhookService],
})
export class WebhookModule {}
