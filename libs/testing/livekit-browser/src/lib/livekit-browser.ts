import { AV_SYNC_SOURCE_SCRIPT } from '@recording/testing/media-checks';

import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

import { PARTICIPANT_PAGE_HTML, PARTICIPANT_SCRIPT } from './participant-page';

/** What a participant's room reported, in order. */
export type ParticipantEvent =
  | { type: 'recordingStatusChanged'; recording: boolean }
  | { type: 'dataReceived'; topic?: string; payload: string }
  | { type: 'roomMetadataChanged'; metadata: string }
  | { type: 'participantConnected' | 'participantDisconnected'; identity: string }
  | { type: 'trackSubscribed'; identity: string; kind: string }
  | { type: 'disconnected'; reason?: string };

export interface ParticipantState {
  connection: string;
  isRecording: boolean;
  metadata: string;
  remote: { identity: string; name: string; tracks: { kind: string; subscribed: boolean; muted: boolean }[] }[];
}

/**
 * Chromium flags for WebRTC that stays on this machine: loopback ICE candidates (Chromium gathers none on plain
 * loopback without the first flag), plain IP candidates instead of mDNS names, fake camera and microphone, and
 * none of the background traffic to Google's services a fresh profile starts.
 */
export const CHROMIUM_WEBRTC_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/** What a participant sends: a picture size and rate, from Chromium's fake camera or from the A/V sync source. */
export interface PublishOptions {
  /** `camera`: the fake camera and microphone; `av-sync`: a canvas that flashes and a tone that beeps together. */
  source?: 'camera' | 'av-sync';
  /** Default 320×180 at 15 fps. Always one layer (no simulcast). */
  video?: { width: number; height: number; frameRate: number };
}

export interface JoinOptions {
  /** `true`: the fake camera (320×180 at 15 fps) and microphone. */
  publish?: boolean | PublishOptions;
  /** Whether to receive the others' media (default true); a participant that only sends costs this machine less. */
  autoSubscribe?: boolean;
}

const DEFAULT_VIDEO = { width: 320, height: 180, frameRate: 15 };

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Real LiveKit participants for tests: each one a page in its own browser context of one headless Debian
 * Chromium, running livekit-client against a real LiveKit server over loopback WebRTC. The pages come from a
 * small HTTP server on 127.0.0.1 (WebRTC and getUserMedia want a page from localhost or HTTPS).
 */
export class LiveKitBrowser {
  private readonly participants = new Set<BrowserParticipant>();

  private constructor(
    private readonly browser: Browser,
    private readonly server: Server,
    private readonly pageUrl: string,
  ) {}

  static async launch(): Promise<LiveKitBrowser> {
    // livekit-client's UMD build is served to the participant pages; Node never runs it.
    // eslint-disable-next-line @nx/enforce-module-boundaries
    const clientScript = readFileSync(require.resolve('livekit-client'));
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const scripts: Record<string, string | Buffer> = {
        '/livekit-client.js': clientScript,
        '/av-sync-source.js': AV_SYNC_SOURCE_SCRIPT,
        '/participant.js': PARTICIPANT_SCRIPT,
      };
      const body = scripts[path] ?? PARTICIPANT_PAGE_HTML;
      const type = path.endsWith('.js') ? 'text/javascript' : 'text/html';
      response.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_WEBRTC_ARGS });
      return new LiveKitBrowser(browser, server, pageUrl);
    } catch (error) {
      server.close();
      throw error;
    }
  }

  /**
   * Joins `url` (ws://…) with `token`; `publish` sends the fake camera and microphone (320×180 at 15 fps unless told
   * otherwise) or the A/V sync source, always as one layer.
   */
  async join(url: string, token: string, options: JoinOptions = {}): Promise<BrowserParticipant> {
    const publish =
      options.publish === true ? {} : options.publish === false || options.publish === undefined ? undefined : options.publish;
    const settings = {
      publish: publish && { source: publish.source ?? 'camera', video: publish.video ?? DEFAULT_VIDEO },
      autoSubscribe: options.autoSubscribe ?? true,
    };
    const context = await this.browser.newContext();
    try {
      const page = await context.newPage();
      const participant = new BrowserParticipant(context, page, () => this.participants.delete(participant));
      await page.exposeFunction('__participantEvent', (event: ParticipantEvent) => participant.record(event));
      await page.goto(this.pageUrl);
      const joined = await page.evaluate(
        ([serverUrl, accessToken, joinSettings]) =>
          (
            window as unknown as { participant: { join(u: string, t: string, s: typeof settings): Promise<{ identity: string }> } }
          ).participant.join(serverUrl, accessToken, joinSettings),
        [url, token, settings] as const,
      );
      participant.identity = joined.identity;
      this.participants.add(participant);
      return participant;
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.participants].map((participant) => participant.leave()));
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export class BrowserParticipant {
  identity = '';
  readonly events: ParticipantEvent[] = [];
  private readonly listeners = new Set<(event: ParticipantEvent) => void>();
  private left = false;

  constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly onLeave: () => void,
  ) {}

  /** Called by the page for every room event. */
  record(event: ParticipantEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }

  onEvent(listener: (event: ParticipantEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first event (already seen, or still to come) that matches. */
  waitFor(predicate: (event: ParticipantEvent) => boolean, timeoutMs = 15_000): Promise<ParticipantEvent> {
    const seen = this.events.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${this.identity}: no matching room event within ${timeoutMs} ms; saw ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      const stop = this.onEvent((event) => {
        if (!predicate(event)) return;
        clearTimeout(timer);
        stop();
        resolve(event);
      });
    });
  }

  state(): Promise<ParticipantState> {
    return this.page.evaluate(() => (window as unknown as { participant: { state(): ParticipantState } }).participant.state());
  }

  async setCamera(enabled: boolean): Promise<void> {
    await this.page.evaluate(
      (on) => (window as unknown as { participant: { setCamera(e: boolean): Promise<void> } }).participant.setCamera(on),
      enabled,
    );
  }

  /** Disconnects from the room and closes the page; safe to call twice. */
  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    this.onLeave();
    await this.page
      .evaluate(() => (window as unknown as { participant: { leave(): Promise<void> } }).participant.leave())
      .catch(() => undefined);
    await this.context.close().catch(() => undefined);
  }
}
