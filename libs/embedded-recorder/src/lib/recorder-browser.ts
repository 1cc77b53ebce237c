import { BrowserContext, chromium } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';

import { isAlive, parentPid, processesMentioning, processTree, signalAll } from './process-tree';
import { RecorderVideo } from './recorder-video';
import { settleWithin } from './settle-within';

/**
 * Chromium switches of the recorder (measured on Debian's Chromium 156, see README):
 * - `--auto-accept-this-tab-capture`: `getDisplayMedia({ preferCurrentTab })` gets its own tab without a picker
 *   (never `--use-fake-ui-for-media-stream` beside it: tab capture then fails with NotReadableError);
 * - `--autoplay-policy=no-user-gesture-required`: the template plays the room's sound without a click;
 * - loopback WebRTC to a LiveKit on this machine, plain IP candidates;
 * - no background traffic to Google's services, `/tmp` instead of a small `/dev/shm` in containers.
 * Playwright's default `--mute-audio` is dropped (with it the captured sound is silence); the tab's sound is
 * still not played aloud (`suppressLocalAudioPlayback`).
 */
export const RECORDER_CHROMIUM_ARGS = [
  '--auto-accept-this-tab-capture',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--no-first-run',
];

export interface RecorderBrowser {
  context: BrowserContext;
  /** The browser's main process (its renderers and helpers are below it). */
  rootPid?: number;
}

/**
 * One headless Chromium per recording, with its profile in the recording's folder: a crash takes down that
 * recording only, and whatever a killed process leaves behind can be found by that folder's path.
 */
export async function launchRecorderBrowser(chromiumPath: string, profileDir: string, video: RecorderVideo): Promise<RecorderBrowser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: RECORDER_CHROMIUM_ARGS,
    ignoreDefaultArgs: ['--mute-audio'],
    viewport: { width: video.width, height: video.height },
    deviceScaleFactor: 1,
    // The owner stops recordings on shutdown (and finishes them); Playwright must not kill the browser first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 30_000,
  });
  return { context, rootPid: browserRootPid(profileDir) };
}

/** The Chromium process launched from this process with that profile. */
function browserRootPid(profileDir: string): number | undefined {
  const mentioning = processesMentioning(`--user-data-dir=${profileDir}`);
  return mentioning.find((pid) => !mentioning.includes(parentPid(pid) ?? -1)) ?? mentioning[0];
}

/** Every process of the browser that uses `profileDir`: its main process, renderers and helpers. */
export function browserProcesses(profileDir: string, rootPid?: number): number[] {
  const roots = new Set([
    ...(rootPid !== undefined && isAlive(rootPid) ? [rootPid] : []),
    ...processesMentioning(`--user-data-dir=${profileDir}`),
  ]);
  return [...new Set([...roots].flatMap((pid) => processTree(pid)))];
}

/** Closes the browser politely, then kills whatever of it is left. */
export async function closeRecorderBrowser(browser: RecorderBrowser, profileDir: string, timeoutMs = 5_000): Promise<void> {
  await settleWithin(
    browser.context.close().catch(() => undefined),
    timeoutMs,
  );
  await killBrowserProcesses(profileDir, browser.rootPid);
}

/** SIGKILLs every process of the browser that uses `profileDir` and waits (briefly) until they are gone. */
export async function killBrowserProcesses(profileDir: string, rootPid?: number): Promise<void> {
  const pids = browserProcesses(profileDir, rootPid);
  signalAll(pids, 'SIGKILL');
  for (let i = 0; i < 50 && pids.some(isAlive); i++) await sleep(20);
}
