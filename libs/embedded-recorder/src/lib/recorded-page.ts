import { Page } from 'playwright-core';

import { CHUNK_BINDING, EVENT_BINDING, PageCaptureEvent } from './page-capture-script';
import { RecorderBrowser } from './recorder-browser';

/** What the recorded page and its browser tell the session. */
export interface RecordedPageEvents {
  /** The template logged `START_RECORDING` (LiveKit's console signal: the room is rendered). */
  startRecording(): void;
  /** The template logged `END_RECORDING`. */
  endRecording(): void;
  /** The browser, the page or its capture broke. */
  failure(reason: string): void;
  /** A chunk of MediaRecorder's output, numbered from 0, base64. */
  chunk(seq: number, data: string): void;
  pageError(error: Error): void;
}

/** The browser's page, wired to the session before it navigates (so no signal is missed). */
export async function wireRecordedPage(browser: RecorderBrowser, events: RecordedPageEvents): Promise<Page> {
  browser.context.on('close', () => events.failure('Chromium exited while recording'));
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (message) => {
    const text = message.text();
    if (text === 'START_RECORDING') events.startRecording();
    else if (text === 'END_RECORDING') events.endRecording();
  });
  page.on('crash', () => events.failure('the recorded page crashed (Chromium renderer)'));
  page.on('close', () => events.failure('the recorded page closed'));
  page.on('pageerror', (error) => events.pageError(error));
  await page.exposeBinding(CHUNK_BINDING, (_source, seq: number, data: string) => events.chunk(seq, data));
  await page.exposeBinding(EVENT_BINDING, (_source, event: PageCaptureEvent) =>
    events.failure(`the page's capture failed: ${event.message}`),
  );
  return page;
}
