import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';

import { newId } from './ids';
import { type EgressInfo, type ParticipantInfo, proto, type Room } from './protocol';
import type { EgressStatusName, WebhookDelivery, WebhookFaults } from './types';

export interface WebhookPayload {
  event: string;
  room?: Room;
  participant?: ParticipantInfo;
  egressInfo?: EgressInfo;
}

export interface WebhookSenderOptions {
  urls: string[];
  apiKey: string;
  apiSecret: string;
  /** Retries after the first attempt on a network error, 5xx or 429. */
  retries: number;
  /** Backoff before the first retry; doubles on each further retry. */
  retryDelayMs: number;
  /** Per attempt. */
  timeoutMs: number;
}

/** An event serialised once at emission time, so later state changes cannot leak into it. */
interface PreparedEvent {
  name: string;
  body: string;
  egressId?: string;
  egressStatus?: EgressStatusName;
  roomName?: string;
}

/**
 * Signs and posts webhooks the way livekit-server does (`webhook/resource_url_notifier.go`): protojson body
 * (camelCase, defaults omitted), `Authorization: <raw JWT>` with a `sha256` claim over the body, one ordered queue
 * per URL and resource, retries on network errors/5xx/429. Fault injection can drop, duplicate or reverse events.
 */
export class WebhookSender {
  private readonly deliveryLog: WebhookDelivery[] = [];
  private readonly events = new EventEmitter();
  private readonly queues = new Map<string, Promise<void>>();
  /** reverseOrder fault: egress events held per egress until it ends. */
  private readonly held = new Map<string, PreparedEvent[]>();
  private faults: WebhookFaults = {};
  private urls: string[];
  private generation = 0;
  private aborter = new AbortController();

  constructor(private readonly options: WebhookSenderOptions) {
    this.urls = [...options.urls];
    this.events.setMaxListeners(0);
  }

  get deliveries(): readonly WebhookDelivery[] {
    return this.deliveryLog;
  }

  setUrls(urls: string[]): void {
    this.urls = [...urls];
  }

  getUrls(): string[] {
    return [...this.urls];
  }

  setFaults(faults: WebhookFaults): void {
    this.faults = {
      drop: [...(faults.drop ?? [])],
      duplicate: !!faults.duplicate,
      reverseOrder: !!faults.reverseOrder,
      delayMs: faults.delayMs ?? 0,
    };
  }

  getFaults(): WebhookFaults {
    return { ...this.faults };
  }

  /** Forgets deliveries, faults and everything queued or in flight (URLs stay). */
  reset(): void {
    this.cancelPending();
    this.deliveryLog.length = 0;
    this.faults = {};
  }

  /** Abandons everything queued or in flight; what was delivered stays observable. */
  cancelPending(): void {
    this.generation++;
    this.aborter.abort();
    this.aborter = new AbortController();
    this.queues.clear();
    this.held.clear();
  }

  /** Resolves once every queued delivery has finished (used by tests and by stop). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  send(payload: WebhookPayload, resource: string): void {
    const event = new proto.WebhookEvent({
      event: payload.event,
      room: payload.room,
      participant: payload.participant,
      egressInfo: payload.egressInfo,
      id: newId('EV_'),
      createdAt: BigInt(Math.floor(Date.now() / 1000)),
    });
    const prepared: PreparedEvent = {
      name: payload.event,
      body: event.toJsonString(),
      egressId: payload.egressInfo?.egressId,
      egressStatus: payload.egressInfo ? (proto.EgressStatus[payload.egressInfo.status] as EgressStatusName) : undefined,
      roomName: payload.room?.name ?? payload.egressInfo?.roomName,
    };

    if (this.faults.drop?.includes(prepared.name)) {
      for (const url of this.urls) this.record(prepared, url, 0, '', 'dropped', 0);
      return;
    }
    if (this.faults.reverseOrder && prepared.egressId) {
      const held = this.held.get(prepared.egressId) ?? [];
      held.push(prepared);
      this.held.set(prepared.egressId, held);
      if (prepared.name !== 'egress_ended') return;
      this.held.delete(prepared.egressId);
      for (const e of held.reverse()) this.enqueue(e, resource);
      return;
    }
    this.enqueue(prepared, resource);
  }

  waitFor(predicate: (d: WebhookDelivery) => boolean, timeoutMs: number): Promise<WebhookDelivery> {
    const found = this.deliveryLog.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onDelivery = (d: WebhookDelivery) => {
        if (!predicate(d)) return;
        clearTimeout(timer);
        this.events.off('delivery', onDelivery);
        resolve(d);
      };
      const timer = setTimeout(() => {
        this.events.off('delivery', onDelivery);
        const seen = this.deliveryLog.map((d) => `${d.event}${d.egressStatus ? `(${d.egressStatus})` : ''}:${d.kind}:${d.status}`);
        reject(new Error(`no matching webhook delivery within ${timeoutMs} ms; deliveries so far: [${seen.join(', ')}]`));
      }, timeoutMs);
      this.events.on('delivery', onDelivery);
    });
  }

  private enqueue(event: PreparedEvent, resource: string): void {
    const generation = this.generation;
    for (const url of this.urls) {
      const key = `${url}\n${resource}`;
      const previous = this.queues.get(key) ?? Promise.resolve();
      const next = previous.then(() => this.deliver(event, url, generation));
      this.queues.set(key, next);
      void next.finally(() => {
        if (this.queues.get(key) === next) this.queues.delete(key);
      });
    }
  }

  private async deliver(event: PreparedEvent, url: string, generation: number): Promise<void> {
    // A busy server's queue: each event waits its turn, in order (LiveKit gives up after 30 s in the queue).
    if (this.faults.delayMs) await delay(this.faults.delayMs, this.aborter.signal);
    if (generation !== this.generation) return;
    const authorization = await this.sign(event.body);
    const copies: WebhookDelivery['kind'][] = this.faults.duplicate ? ['sent', 'duplicate'] : ['sent'];
    for (const kind of copies) {
      let status = 0;
      let attempts = 0;
      for (let attempt = 0; attempt <= this.options.retries; attempt++) {
        if (generation !== this.generation) return;
        if (attempt > 0) await delay(this.options.retryDelayMs * 2 ** (attempt - 1));
        attempts++;
        status = await this.post(url, event.body, authorization);
        if (!isRetryable(status)) break;
      }
      if (generation !== this.generation) return;
      this.record(event, url, status, authorization, kind, attempts);
    }
  }

  /** HTTP status of one attempt, 0 for a network error or timeout. */
  private async post(url: string, body: string, authorization: string): Promise<number> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/webhook+json', 'User-Agent': 'LiveKit', Authorization: authorization },
        body,
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch {
      return 0;
    }
  }

  /** JWT like the server's: HS256 with the webhook key's secret, `sha256` = base64(SHA-256(body)), 5 min. */
  private async sign(body: string): Promise<string> {
    const token = new AccessToken(this.options.apiKey, this.options.apiSecret, { ttl: '5m' });
    token.sha256 = createHash('sha256').update(body, 'utf8').digest('base64');
    return token.toJwt();
  }

  private record(
    event: PreparedEvent,
    url: string,
    status: number,
    authorization: string,
    kind: WebhookDelivery['kind'],
    attempts: number,
  ): void {
    const delivery: WebhookDelivery = {
      event: event.name,
      egressId: event.egressId,
      egressStatus: event.egressStatus,
      roomName: event.roomName,
      url,
      status,
      body: event.body,
      authorization,
      kind,
      attempts,
    };
    this.deliveryLog.push(delivery);
    this.events.emit('delivery', delivery);
  }
}

function isRetryable(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/** Resolves after `ms`, or at once when `signal` aborts (reset and stop abandon what is pending). */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
