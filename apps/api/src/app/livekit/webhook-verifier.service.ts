import { Injectable } from '@nestjs/common';
import { WebhookEvent, WebhookReceiver } from 'livekit-server-sdk';

import { AppConfig } from '../config/app-config';
import { InvalidInputError, InvalidWebhookError } from '../errors/domain-errors';
import { EgressSnapshot, egressSnapshotOf } from './egress-snapshot';

/** A webhook LiveKit signed, in the project's words. */
export interface LiveKitWebhookEvent {
  /** e.g. `egress_started`, `egress_updated`, `egress_ended`, `room_finished`. */
  event: string;
  /** Unique per event: a redelivery carries the same id. */
  id: string;
  /** Epoch ms when LiveKit created the event. */
  createdAt?: number;
  room?: { name: string; sid: string };
  egress?: EgressSnapshot;
}

/** Checks LiveKit's webhook signature (JWT with the API key, signed with the secret, carrying the body's SHA-256). */
@Injectable()
export class WebhookVerifier {
  private readonly receiver: WebhookReceiver;

  constructor(config: AppConfig) {
    this.receiver = new WebhookReceiver(config.livekit.apiKey, config.livekit.apiSecret);
  }

  /** The event the body holds, once the signature covers exactly these bytes; throws a 400 or 401 domain error otherwise. */
  async verify(body: string, authorization: string | undefined): Promise<LiveKitWebhookEvent> {
    let event: WebhookEvent;
    try {
      event = await this.receiver.receive(body, authorization);
    } catch (error) {
      if (error instanceof SyntaxError) throw new InvalidInputError('Webhook body is not valid JSON');
      throw new InvalidWebhookError('Invalid webhook: missing or wrong signature, API key or body hash');
    }
    return {
      event: event.event,
      id: event.id,
      // LiveKit stamps events in seconds.
      createdAt: event.createdAt > 0n ? Number(event.createdAt) * 1000 : undefined,
      room: event.room && { name: event.room.name, sid: event.room.sid },
      egress: event.egressInfo && egressSnapshotOf(event.egressInfo),
    };
  }
}
