import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

import { PeriodicWork } from './periodic-work';

/** Nest's scheduler, and the one way the API runs periodic work on it ({@link PeriodicWork}). */
@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [PeriodicWork],
  exports: [PeriodicWork],
})
export class SchedulingModule {}
