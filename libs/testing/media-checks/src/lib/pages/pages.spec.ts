import { Browser, chromium, Page } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { measureAvSync } from '../av-sync';
import { BT1359_DETECTABILITY } from '../av-sync-analysis';
import { probeMedia } from '../probe';
import { AV_SYNC_SOURCE_SCRIPT, avSyncPage } from './av-sync-source';
import { PageServer, servePages } from './page-server';
import { testCardPage } from './test-card-page';

const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/** The test pages in real Chromium: their console signals, their sound, and the sync source's own stream. */
describe('test pages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'media-checks-pages-'));
  let browser: Browser;
  let pages: PageServer;

  beforeAll(async () => {
    pages = await servePages({
      '/card': testCardPage({ title: 'Card <1>', endRecordingAfterMs: 300 }),
      '/silent-never': testCardPage({ toneHz: null, startRecording: 'never' }),
      '/sync': avSyncPage({ endRecordingAfterMs: 200 }),
      '/participant': `<!doctype html><html><body><script>${AV_SYNC_SOURCE_SCRIPT}</script></body></html>`,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--autoplay-policy=no-user-gesture-required'] });
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function consoleOf(path: string, waitMs: number): Promise<{ page: Page; messages: string[] }> {
    const page = await browser.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    page.on('pageerror', (error) => messages.push(`page error: ${error.message}`));
    await page.goto(pages.url(path));
    await page.waitForTimeout(waitMs);
    return { page, messages };
  }

  it('the test card logs START_RECORDING once its tone plays, then END_RECORDING when asked', async () => {
    const { page, messages } = await consoleOf('/card', 1_500);
    expect(messages).toEqual(['START_RECORDING', 'END_RECORDING']);
    expect(await page.title()).toBe('Card <1>');
    expect(await page.evaluate('window.testCardAudio.state')).toBe('running');
    await page.close();
  });

  it('a test card asked never to start stays quiet', async () => {
    const { page, messages } = await consoleOf('/silent-never', 1_000);
    expect(messages).toEqual([]);
    await page.close();
  });

  it('the sync page logs its signals once its sound runs', async () => {
    const { page, messages } = await consoleOf('/sync', 1_500);
    expect(messages).toEqual(['START_RECORDING', 'END_RECORDING']);
    expect(await page.evaluate('window.syncSource.audioContext.state')).toBe('running');
    await page.close();
  });

  it('the sync source gives a participant page a stream whose flashes and beeps stay together', async () => {
    const page = await browser.newPage();
    await page.goto(pages.url('/participant'));
    const recorded = (await page.evaluate(`(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const source = window.avSyncSource.start({ canvas, toSpeakers: false });
      await source.audioContext.resume();
      const tracks = source.stream.getTracks().map((track) => track.kind + ':' + track.readyState);
      const recorder = new MediaRecorder(source.stream, { mimeType: 'video/webm;codecs=vp8,opus' });
      const chunks = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      recorder.start();
      await new Promise((resolve) => setTimeout(resolve, 4500));
      await new Promise((resolve) => { recorder.onstop = resolve; recorder.stop(); });
      source.stop();
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { tracks, data: btoa(binary) };
    })()`)) as { tracks: string[]; data: string };
    await page.close();
    expect(recorded.tracks.sort()).toEqual(['audio:live', 'video:live']);
    const file = join(dir, 'participant.webm');
    writeFileSync(file, Buffer.from(recorded.data, 'base64'));
    expect((await probeMedia(file)).streams.map((stream) => stream.type)).toEqual(['video', 'audio']);
    const report = await measureAvSync(file);
    expect(report.all.count).toBeGreaterThanOrEqual(3);
    expect(report.all.minMs).toBeGreaterThanOrEqual(BT1359_DETECTABILITY.earliestMs);
    expect(report.all.maxMs).toBeLessThanOrEqual(BT1359_DETECTABILITY.latestMs);
  });
});
