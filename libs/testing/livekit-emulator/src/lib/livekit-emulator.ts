import type { IncomingMessage, ServerResponse } from 'node:http';

import { CONTROL_PREFIX, createControlHandler } from './control-api';
import { EgressLifecycle, type StartFailureMode, toEmulatedEgress } from './egress-lifecycle';
import type { EgressRooms } from './egress-rooms';
import { egressService } from './egress-service';
import { EmulatedEgressRooms } from './emulated-egress-rooms';
import { HttpListener } from './http-listener';
import { send } from './http-util';
import { assertFfmpegAvailable, mp4Fixture } from './mp4-fixture';
import { RealServerRooms } from './real-server-rooms';
import { RoomRegistry, toEmulatedParticipant, toEmulatedRoom } from './room-registry';
import { roomService } from './room-service';
import { RoomsAreRealError } from './rooms-are-real-error';
import { proxyTo } from './server-proxy';
import { errors, TwirpError } from './twirp-errors';
import { createTwirpHandler, TWIRP_PREFIX, writeError } from './twirp-server';
import type {
  EgressStatusName,
  EmulatedEgress,
  EmulatedParticipant,
  EmulatedRoom,
  LiveKitEmulatorOptions,
  OutageMode,
  RoomMetadataUpdate,
  SentDataPacket,
  WebhookDelivery,
  WebhookFaults,
} from './types';
import { WebhookSender } from './webhook-sender';

const DEFAULT_KEYS = { devkey: 'secret' };
const EGRESS_PREFIX = `${TWIRP_PREFIX}livekit.Egress/`;

/**
 * An HTTP stand-in for a LiveKit server + egress, for tests and demos only (never the production path): the real
 * Twirp server API, webhooks signed like the server's, and egresses that write real MP4 files to Azure Blob Storage
 * (Azurite). There is no WebRTC: "participants" are server-side state created through this class or the control API.
 */
export class LiveKitEmulator {
  private readonly listener: HttpListener;
  private readonly rooms: RoomRegistry;
  private readonly egressRooms: EgressRooms;
  private readonly egress: EgressLifecycle;
  private readonly webhooks: WebhookSender;
  private readonly keys: Record<string, string>;
  private readonly data: SentDataPacket[] = [];
  private readonly metadataUpdates: RoomMetadataUpdate[] = [];
  private readonly calls: { method: string; status: number }[] = [];
  /** Requests parked by the 'hang' outage; answered never, cut on recovery/stop. */
  private readonly parked = new Set<ServerResponse>();
  private outage: OutageMode = 'none';
  private stopped = false;
  /** In real-server mode: forwards everything but Egress to the real livekit-server. */
  private readonly passThrough?: ReturnType<typeof proxyTo>;

  private constructor(
    private readonly options: LiveKitEmulatorOptions,
    private readonly host: string,
  ) {
    this.keys = { ...(options.keys ?? DEFAULT_KEYS) };
    const signingKey = options.webhook?.apiKey ?? Object.keys(this.keys)[0];
    const signingSecret = signingKey === undefined ? undefined : this.keys[signingKey];
    if (signingKey === undefined || signingSecret === undefined) {
      // livekit-server refuses to start with a webhook key that is not one of its keys.
      throw new Error(`webhook.apiKey "${signingKey ?? ''}" is not one of the emulator's keys`);
    }
    this.webhooks = new WebhookSender({
      urls: options.webhook?.urls ?? [],
      apiKey: signingKey,
      apiSecret: signingSecret,
      retries: options.webhook?.retries ?? 3,
      retryDelayMs: options.webhook?.retryDelayMs ?? 100,
      timeoutMs: options.webhook?.timeoutMs ?? 5000,
    });
    const notify = this.webhooks.send.bind(this.webhooks);
    const activeAfterMs = options.timing?.activeAfterMs ?? 200;
    this.rooms = new RoomRegistry({
      notify,
      participantJoined: (room) => emulatedRooms.participantJoined(room),
      roomDeleted: (room) => emulatedRooms.roomDeleted(room),
    });
    const emulatedRooms = new EmulatedEgressRooms(this.rooms, activeAfterMs);
    const server = options.liveKitServer;
    if (server) {
      const apiKey = server.apiKey ?? Object.keys(this.keys)[0];
      this.egressRooms = new RealServerRooms({
        url: server.url,
        apiKey,
        apiSecret: this.keys[apiKey],
        activeAfterMs,
        onRecorderError: (egressId, error) =>
          console.error(`livekit-emulator: the recorder of ${egressId} could not join: ${error.message}`),
      });
    } else {
      this.egressRooms = emulatedRooms;
    }
    this.egress = new EgressLifecycle(this.egressRooms, {
      storage: options.storage,
      endingAfterMs: options.timing?.endingAfterMs ?? 200,
      recordingSeconds: options.recordingSeconds ?? 4,
      locationWithContainer: options.locationWithContainer ?? false,
      notify,
    });

    const services: Record<string, ReturnType<typeof egressService>> = { 'livekit.Egress': egressService(this.egress) };
    if (!server) services['livekit.RoomService'] = roomService(this.rooms, this.data, this.metadataUpdates);
    const twirp = createTwirpHandler({
      keys: () => this.keys,
      services,
      outage: () => (this.outage === 'unavailable' ? 'unavailable' : 'none'),
      recordCall: (method, status) => this.calls.push({ method, status }),
    });
    this.passThrough = server ? proxyTo(server.url, (method, status) => this.calls.push({ method, status })) : undefined;
    const control = createControlHandler(this);
    this.listener = new HttpListener((req, res) => void this.dispatch(req, res, twirp, control), host, options.port ?? 0);
  }

  /** Checks ffmpeg, prepares the MP4 (cached across runs) and starts listening. */
  static async start(options: LiveKitEmulatorOptions): Promise<LiveKitEmulator> {
    validateOptions(options);
    await assertFfmpegAvailable();
    await mp4Fixture(options.recordingSeconds ?? 4);
    const emulator = new LiveKitEmulator(options, options.host ?? '127.0.0.1');
    await emulator.listener.listen();
    return emulator;
  }

  /** What LIVEKIT_URL is set to. */
  get url(): string {
    return `http://${this.urlHost}:${this.listener.port}`;
  }

  get wsUrl(): string {
    return `ws://${this.urlHost}:${this.listener.port}`;
  }

  get port(): number {
    return this.listener.port;
  }

  /** Closes the port and abandons running egresses and pending webhooks; observations stay readable. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.egress.reset();
    this.webhooks.cancelPending();
    this.releaseParked();
    await this.listener.close();
    if (this.egressRooms instanceof RealServerRooms) await this.egressRooms.close();
  }

  /** Forgets rooms, egresses, observations and faults; keeps the port, keys and webhook URLs. */
  reset(): void {
    this.egress.reset();
    this.rooms.clear();
    this.webhooks.reset();
    this.data.length = 0;
    this.metadataUpdates.length = 0;
    this.calls.length = 0;
    if (this.outage !== 'none') {
      // A refused listener comes back in the background; await setOutage('none') first to be sure it is up.
      this.setOutage('none').catch((e: Error) => console.error(`livekit-emulator: could not listen again: ${e.message}`));
    }
  }

  // ── rooms & participants ──────────────────────────────────────────────────────────────────────────────────────

  createRoom(name: string): EmulatedRoom {
    this.requireOwnRooms();
    requireName(name, 'room name');
    return toEmulatedRoom(this.rooms.create(name));
  }

  addParticipant(roomName: string, identity: string, options: { name?: string; publisher?: boolean } = {}): EmulatedParticipant {
    this.requireOwnRooms();
    requireName(roomName, 'room name');
    requireName(identity, 'identity');
    return toEmulatedParticipant(this.rooms.join(roomName, identity, { name: options.name, publisher: options.publisher ?? true }));
  }

  /** No-op when the participant is not there. */
  removeParticipant(roomName: string, identity: string): void {
    this.requireOwnRooms();
    this.rooms.leave(roomName, identity);
  }

  /** No-op for an unknown room. */
  deleteRoom(name: string): void {
    this.requireOwnRooms();
    this.rooms.delete(name);
  }

  getRoom(name: string): EmulatedRoom | undefined {
    this.requireOwnRooms();
    const room = this.rooms.get(name);
    return room && toEmulatedRoom(room);
  }

  listRooms(): EmulatedRoom[] {
    this.requireOwnRooms();
    return this.rooms.all().map(toEmulatedRoom);
  }

  private requireOwnRooms(): void {
    if (this.options.liveKitServer) throw new RoomsAreRealError();
  }

  // ── egress ────────────────────────────────────────────────────────────────────────────────────────────────────

  listEgresses(filter: { roomName?: string; active?: boolean } = {}): EmulatedEgress[] {
    return this.egress.list(filter).map(toEmulatedEgress);
  }

  getEgress(egressId: string): EmulatedEgress | undefined {
    const info = this.egress.get(egressId);
    return info && toEmulatedEgress(info);
  }

  async waitForEgress(egressId: string, statuses: EgressStatusName[], timeoutMs = 10_000): Promise<EmulatedEgress> {
    return toEmulatedEgress(await this.egress.waitFor(egressId, statuses, timeoutMs));
  }

  /** The next `count` uploads (default: all until reset) fail → EGRESS_FAILED, error_code 400. */
  failUploads(count?: number): void {
    this.egress.faults.failUploads(count);
  }

  /** The next `count` egresses (default: all until reset) never get media and stay STARTING until stopped. */
  stallStarts(count?: number): void {
    this.egress.faults.stallStarts(count);
  }

  /** Uploads wait, their egresses staying ENDING (a long upload), until {@link releaseUploads} or reset. */
  holdUploads(): void {
    this.egress.faults.holdUploads();
  }

  releaseUploads(): void {
    this.egress.faults.releaseUploads();
  }

  setStartFailure(mode: StartFailureMode): void {
    this.egress.startFailure = mode;
  }

  // ── faults ────────────────────────────────────────────────────────────────────────────────────────────────────

  async setOutage(mode: OutageMode): Promise<void> {
    const previous = this.outage;
    this.outage = mode;
    if (mode === 'refuse') {
      this.releaseParked();
      await this.listener.close();
      return;
    }
    if (previous === 'hang' && mode !== 'hang') this.releaseParked();
    if (previous === 'refuse' && !this.stopped) await this.listener.relisten();
  }

  setWebhookFaults(faults: WebhookFaults): void {
    this.webhooks.setFaults(faults);
  }

  setWebhookUrls(urls: string[]): void {
    this.webhooks.setUrls(urls);
  }

  // ── observation ───────────────────────────────────────────────────────────────────────────────────────────────

  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.webhooks.deliveries;
  }

  get sentData(): readonly SentDataPacket[] {
    return this.data;
  }

  /** Every UpdateRoomMetadata applied, in order (the emulator's own rooms; a real server's are not observed). */
  get roomMetadataUpdates(): readonly RoomMetadataUpdate[] {
    return this.metadataUpdates;
  }

  get twirpCalls(): readonly { method: string; status: number }[] {
    return this.calls;
  }

  waitForWebhook(predicate: (d: WebhookDelivery) => boolean, timeoutMs = 10_000): Promise<WebhookDelivery> {
    return this.webhooks.waitFor(predicate, timeoutMs);
  }

  /** Resolves when no webhook is queued or in flight. */
  webhooksIdle(): Promise<void> {
    return this.webhooks.idle();
  }

  // ── HTTP ──────────────────────────────────────────────────────────────────────────────────────────────────────

  private get urlHost(): string {
    if (this.host === '0.0.0.0' || this.host === '::') return '127.0.0.1';
    return this.host.includes(':') ? `[${this.host}]` : this.host;
  }

  private async dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    twirp: ReturnType<typeof createTwirpHandler>,
    control: ReturnType<typeof createControlHandler>,
  ): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const path = url.pathname;
      if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
        return await control(req, res, path, url.searchParams);
      }
      if (this.outage === 'hang') {
        this.park(req, res, path);
        return;
      }
      if (this.passThrough && !path.startsWith(EGRESS_PREFIX)) {
        if (this.outage === 'unavailable' && path.startsWith(TWIRP_PREFIX)) writeError(res, errors.noResponse());
        else this.passThrough(req, res, path);
        return;
      }
      if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
        send(res, 200, 'text/plain; charset=utf-8', 'OK');
        return;
      }
      await twirp(req, res, path);
    } catch (e) {
      if (res.headersSent) res.destroy();
      else writeError(res, new TwirpError('internal', (e as Error).message));
    }
  }

  private park(req: IncomingMessage, res: ServerResponse, path: string): void {
    this.calls.push({ method: path.startsWith(TWIRP_PREFIX) ? path.slice(TWIRP_PREFIX.length) : path, status: 0 });
    req.resume();
    this.parked.add(res);
    res.on('close', () => this.parked.delete(res));
  }

  private releaseParked(): void {
    for (const res of this.parked) res.destroy();
    this.parked.clear();
  }
}

function requireName(value: string, what: string): void {
  if (typeof value !== 'string' || value === '') throw new Error(`${what} must be a non-empty string`);
}

function validateOptions(options: LiveKitEmulatorOptions): void {
  const storage = options?.storage;
  if (!storage?.blobEndpoint || !storage.accountName || !storage.accountKey) {
    throw new Error('LiveKitEmulator: storage.blobEndpoint, storage.accountName and storage.accountKey are required');
  }
  for (const url of options.webhook?.urls ?? []) {
    if (!/^https?:\/\//.test(url)) throw new Error(`LiveKitEmulator: webhook URL must be http(s): ${url}`);
  }
  for (const [name, ms] of Object.entries(options.timing ?? {})) {
    if (ms !== undefined && (!Number.isFinite(ms) || ms < 0)) throw new Error(`LiveKitEmulator: timing.${name} must be >= 0`);
  }
}
