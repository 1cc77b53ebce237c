import { CHROMIUM_PATH, CHROMIUM_WEBRTC_ARGS } from '@recording/testing/livekit-browser';

import { defineConfig } from '@playwright/test';

import { E2E_PORT } from './src/support/e2e-environment';

/**
 * Browser end-to-end tests: Debian's Chromium (never `playwright install`) with fake camera/microphone,
 * against the production build served by the API, with a real Azurite, the real LiveKit server and the
 * LiveKit emulator as Egress (started by global-setup.ts).
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
      executablePath: CHROMIUM_PATH,
      // Fake camera and microphone, WebRTC over loopback to the real LiveKit server, no traffic off this machine.
      args: CHROMIUM_WEBRTC_ARGS,
    },
  },
});
