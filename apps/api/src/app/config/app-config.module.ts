import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

import { AppConfig } from './app-config';
import { ConfigController } from './config.controller';
import { EnvironmentVariables, validateEnvironment } from './environment';

export interface AppConfigOptions {
  /** The `.env` file to read; variables already in the environment win over it. Default: `.env` in the working folder. */
  envFile?: string;
  /** The whole environment, instead of `process.env` and the file (tests: one server per set of variables). */
  environment?: Record<string, string | undefined>;
}

/**
 * The configuration, loaded by @nestjs/config (`.env` + environment) and validated by the class-validator schema
 * of {@link EnvironmentVariables} once, then injected everywhere as the typed {@link AppConfig}.
 */
@Global()
@Module({})
export class AppConfigModule {
  /**
   * The validated configuration and the module that provides it; rejects with an InvalidConfigurationError
   * naming every bad variable, before any other module starts (the logger itself needs the configuration).
   */
  static async load(options: AppConfigOptions = {}): Promise<{ config: AppConfig; module: DynamicModule }> {
    const given = options.environment;
    let variables: EnvironmentVariables | undefined;
    const configModule = await ConfigModule.forRoot({
      envFilePath: options.envFile,
      ignoreEnvFile: given !== undefined,
      validatePredefined: given === undefined,
      validate: (loaded) => (variables = validateEnvironment(given ?? (loaded as Record<string, string | undefined>))),
    });
    if (!variables) throw new Error('@nestjs/config did not call the configuration schema');
    const config = new AppConfig(variables);
    return {
      config,
      module: {
        module: AppConfigModule,
        imports: [configModule],
        controllers: [ConfigController],
        providers: [{ provide: AppConfig, useValue: config }],
        exports: [AppConfig],
      },
    };
  }
}
