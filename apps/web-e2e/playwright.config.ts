import { defineConfig } from '@playwright/test';

import { E2E_PORT } from './src/support/e2e-environment';

/**
 * Browser end-to-end tests: Debian's Chromium (never `playwright install`) with fake camera/microphone,
 * against the production build served by the API, with a real Azurite and the LiveKit emulator
 * (started by global-setup.ts).
 */
export default defineConfig({
  testDir: './src',
  outputDir: '../../dist/web-e2e/test-results',
  globalSetup: './src/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--autoplay-policy=no-user-gesture-required',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
});
