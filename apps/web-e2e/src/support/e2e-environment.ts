/** Where the stack under test listens (fixed, so the Playwright config can name the base URL). */
export const E2E_PORT = Number(process.env['E2E_PORT'] ?? 6180);
/** Environment variable through which global setup hands the emulator's control URL to the tests. */
export const EMULATOR_URL_VARIABLE = 'E2E_EMULATOR_URL';
/** Folder of the screenshots each run keeps of every page. */
export const SCREENSHOT_DIR = 'dist/web-e2e/screenshots';
/** The operator sign-in of the stack under test (the default AUTH_MODE=room). */
export const OPERATOR_SECRET = 'e2e-operator-secret-0123456789';
/** Environment variable through which global setup hands the tests the URL of its replica in direct playback. */
export const DIRECT_PLAYBACK_URL_VARIABLE = 'E2E_DIRECT_PLAYBACK_URL';
/** The LiveKit server's key pair in the stack under test: tests mint a recorder's token with it, as Egress does. */
export const LIVEKIT_API_KEY = 'devkey';
export const LIVEKIT_API_SECRET = 'e2e-secret-0123456789-0123456789';
/**
 * Environment variable through which global setup hands the media tests the environment of an API that records with
 * the embedded recorder (JSON; they add SERVER_PORT and RECORDER_WORK_DIR and run that API themselves).
 */
export const EMBEDDED_API_ENVIRONMENT_VARIABLE = 'E2E_EMBEDDED_API_ENVIRONMENT';
