import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';

import { AppConfig } from './app/config/app-config';
import { InvalidConfigurationError } from './app/config/environment';
import { createApp } from './app/create-app';

async function bootstrap(): Promise<void> {
  // Variables already set in the environment win over the file.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: AppConfig;
  try {
    config = AppConfig.fromEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof InvalidConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const app = await createApp(config);
  await app.listen(config.serverPort);
  new Logger('Server').log(`Listening on http://localhost:${config.serverPort} (API docs: /api/docs; LiveKit: ${config.livekit.url})`);
}

void bootstrap();
