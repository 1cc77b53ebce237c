import { Logger } from '@nestjs/common';

import { AppConfig } from './app/config/app-config';
import { InvalidConfigurationError } from './app/config/environment';
import { createApp } from './app/create-app';

async function bootstrap(): Promise<void> {
  const app = await createApp().catch((error: unknown) => {
    if (!(error instanceof InvalidConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  const config = app.get(AppConfig);
  await app.listen(config.serverPort);
  new Logger('Server').log(`Listening on http://localhost:${config.serverPort} (API docs: /api/docs; LiveKit: ${config.livekit.url})`);
}

void bootstrap();
