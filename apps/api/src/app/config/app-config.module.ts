import { DynamicModule, Global, Module } from '@nestjs/common';

import { AppConfig } from './app-config';
import { ConfigController } from './config.controller';

@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      controllers: [ConfigController],
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
