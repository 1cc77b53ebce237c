import type { IncomingMessage, ServerResponse } from 'node:http';

import {
  BadRequest,
  decodeSegment,
  isHttpUrl,
  Json,
  optional,
  optionalStringArray,
  readJson,
  rejectUnknownKeys,
  requiredString,
  sendJson,
} from './control-input';
import type { StartFailureMode } from './egress-lifecycle';
import { RoomsAreRealError } from './rooms-are-real-error';
import type {
  EmulatedEgress,
  EmulatedParticipant,
  EmulatedRoom,
  OutageMode,
  RoomMetadataUpdate,
  SentDataPacket,
  WebhookDelivery,
  WebhookFaults,
} from './types';

/** What the control API drives: the programmatic surface of LiveKitEmulator. */
export interface ControlTarget {
  createRoom(name: string): EmulatedRoom;
  addParticipant(roomName: string, identity: string, options?: { name?: string; publisher?: boolean }): EmulatedParticipant;
  removeParticipant(roomName: string, identity: string): void;
  deleteRoom(name: string): void;
  getRoom(name: string): EmulatedRoom | undefined;
  listRooms(): EmulatedRoom[];
  listEgresses(filter?: { roomName?: string; active?: boolean }): EmulatedEgress[];
  getEgress(egressId: string): EmulatedEgress | undefined;
  failUploads(count?: number): void;
  stallStarts(count?: number): void;
  holdUploads(): void;
  releaseUploads(): void;
  setStartFailure(mode: StartFailureMode): void;
  setOutage(mode: OutageMode): Promise<void>;
  setWebhookFaults(faults: WebhookFaults): void;
  setWebhookUrls(urls: string[]): void;
  reset(): void;
  readonly webhookDeliveries: readonly WebhookDelivery[];
  readonly sentData: readonly SentDataPacket[];
  readonly roomMetadataUpdates: readonly RoomMetadataUpdate[];
  readonly twirpCalls: readonly { method: string; status: number }[];
}

export const CONTROL_PREFIX = '/emulator';

const OUTAGE_MODES: readonly string[] = ['none', 'refuse', 'unavailable', 'hang'];
const START_FAILURE_MODES: readonly string[] = ['none', 'no_workers', 'not_connected'];

type Route = { method: string; pattern: RegExp; run(params: string[], body: Json, query: URLSearchParams): Promise<unknown> | unknown };

/**
 * JSON test-control API under `/emulator/…` for browser end-to-end tests and demos that run the emulator in another
 * process. It has no authentication: it only ever listens on the emulator's (loopback by default) address.
 */
export function createControlHandler(target: ControlTarget) {
  const routes: Route[] = [
    { method: 'GET', pattern: /^$/, run: () => ({ name: 'livekit-emulator', description: NOT_A_LIVEKIT_SERVER }) },
    { method: 'GET', pattern: /^\/rooms$/, run: () => ({ rooms: target.listRooms() }) },
    {
      method: 'POST',
      pattern: /^\/rooms$/,
      run: (_p, body) => ({ room: target.createRoom(requiredString(body, 'name')) }),
    },
    {
      method: 'GET',
      pattern: /^\/rooms\/([^/]+)$/,
      run: ([name]) => {
        const room = target.getRoom(name);
        if (!room) throw new BadRequest(`room "${name}" does not exist`, 404);
        return { room };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/rooms\/([^/]+)$/,
      run: ([name]) => {
        if (!target.getRoom(name)) throw new BadRequest(`room "${name}" does not exist`, 404);
        target.deleteRoom(name);
        return { deleted: name };
      },
    },
    {
      method: 'POST',
      pattern: /^\/rooms\/([^/]+)\/participants$/,
      run: ([room], body) => {
        const identity = requiredString(body, 'identity');
        const name = optional(body, 'name', 'string');
        const publisher = optional(body, 'publisher', 'boolean');
        return { participant: target.addParticipant(room, identity, { name, publisher }) };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/rooms\/([^/]+)\/participants\/([^/]+)$/,
      run: ([room, identity]) => {
        if (!target.getRoom(room)?.participants.some((p) => p.identity === identity)) {
          throw new BadRequest(`participant "${identity}" is not in room "${room}"`, 404);
        }
        target.removeParticipant(room, identity);
        return { removed: identity };
      },
    },
    {
      method: 'GET',
      pattern: /^\/egresses$/,
      run: (_p, _b, query) => {
        const active = query.get('active');
        if (active !== null && active !== 'true' && active !== 'false') throw new BadRequest('active must be true or false');
        return {
          egresses: target.listEgresses({ roomName: query.get('roomName') ?? undefined, active: active === 'true' }),
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/egresses\/([^/]+)$/,
      run: ([id]) => {
        const egress = target.getEgress(id);
        if (!egress) throw new BadRequest(`egress "${id}" does not exist`, 404);
        return { egress };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/outage$/,
      run: async (_p, body) => {
        const mode = requiredString(body, 'mode');
        if (!OUTAGE_MODES.includes(mode)) throw new BadRequest(`mode must be one of ${OUTAGE_MODES.join(', ')}`);
        // 'refuse' closes this very listener: answer first, then stop listening.
        if (mode === 'refuse') setImmediate(() => void target.setOutage('refuse'));
        else await target.setOutage(mode as OutageMode);
        return { mode };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/start-failure$/,
      run: (_p, body) => {
        const mode = requiredString(body, 'mode');
        if (!START_FAILURE_MODES.includes(mode)) {
          throw new BadRequest(`mode must be one of ${START_FAILURE_MODES.join(', ')}`);
        }
        target.setStartFailure(mode as StartFailureMode);
        return { mode };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/webhook-faults$/,
      run: (_p, body) => {
        const faults: WebhookFaults = {
          drop: optionalStringArray(body, 'drop'),
          duplicate: optional(body, 'duplicate', 'boolean'),
          reverseOrder: optional(body, 'reverseOrder', 'boolean'),
          delayMs: optionalCount(body, 'delayMs'),
        };
        rejectUnknownKeys(body, ['drop', 'duplicate', 'reverseOrder', 'delayMs']);
        target.setWebhookFaults(faults);
        return { faults };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/webhook-urls$/,
      run: (_p, body) => {
        const urls = optionalStringArray(body, 'urls');
        if (!urls) throw new BadRequest('urls must be an array of http(s) URLs');
        for (const url of urls) {
          if (!isHttpUrl(url)) throw new BadRequest(`not an http(s) URL: ${url}`);
        }
        target.setWebhookUrls(urls);
        return { urls };
      },
    },
    {
      method: 'POST',
      pattern: /^\/fail-uploads$/,
      run: (_p, body) => {
        const count = optionalCount(body, 'count');
        target.failUploads(count);
        return { count: count ?? 'all' };
      },
    },
    {
      method: 'POST',
      pattern: /^\/stall-starts$/,
      run: (_p, body) => {
        const count = optionalCount(body, 'count');
        target.stallStarts(count);
        return { count: count ?? 'all' };
      },
    },
    { method: 'POST', pattern: /^\/hold-uploads$/, run: () => (target.holdUploads(), { uploads: 'held' }) },
    { method: 'POST', pattern: /^\/release-uploads$/, run: () => (target.releaseUploads(), { uploads: 'released' }) },
    { method: 'GET', pattern: /^\/webhooks$/, run: () => ({ deliveries: target.webhookDeliveries }) },
    { method: 'GET', pattern: /^\/data$/, run: () => ({ packets: target.sentData }) },
    { method: 'GET', pattern: /^\/metadata$/, run: () => ({ updates: target.roomMetadataUpdates }) },
    { method: 'GET', pattern: /^\/twirp-calls$/, run: () => ({ calls: target.twirpCalls }) },
    {
      method: 'POST',
      pattern: /^\/reset$/,
      run: () => {
        target.reset();
        return { reset: true };
      },
    },
  ];

  return async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> => {
    try {
      const sub = path.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
      const matching = routes.filter((r) => r.pattern.test(sub));
      if (matching.length === 0) throw new BadRequest(`no control route ${path}`, 404);
      const route = matching.find((r) => r.method === req.method);
      if (!route) throw new BadRequest(`${req.method} is not allowed on ${path}`, 405);
      const params = (route.pattern.exec(sub) ?? []).slice(1).map(decodeSegment);
      const body = req.method === 'GET' || req.method === 'DELETE' ? {} : await readJson(req);
      sendJson(res, 200, await route.run(params, body, query));
    } catch (e) {
      if (e instanceof BadRequest) sendJson(res, e.status, { error: e.message });
      else if (e instanceof RoomsAreRealError) sendJson(res, 409, { error: e.message });
      else sendJson(res, 500, { error: (e as Error).message });
    }
  };
}

export const NOT_A_LIVEKIT_SERVER =
  'LiveKit emulator for tests and demos. It is NOT a LiveKit server: there is no WebRTC, browsers cannot join calls ' +
  'through it. It serves the LiveKit server API (Twirp), emulated egress writing MP4s to Azure Blob Storage, and ' +
  'signed webhooks.';

function optionalCount(body: Json, key: string): number | undefined {
  const count = optional(body, key, 'number');
  if (count !== undefined && (!Number.isInteger(count) || count < 0)) throw new BadRequest(`${key} must be a non-negative integer`);
  return count;
}
