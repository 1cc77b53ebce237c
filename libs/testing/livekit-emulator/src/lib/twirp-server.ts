import type { ClaimGrants } from 'livekit-server-sdk';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { authenticate, AuthRejection } from './auth';
import { BodyTooLarge, readBody, send, sendTooLarge } from './http-util';
import { errors, TwirpError } from './twirp-errors';

/** The protobuf-es message class of a request, as far as decoding needs it. */
export interface RequestDecoder<T> {
  fromJson(json: any, options?: { ignoreUnknownFields?: boolean }): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  fromBinary(bytes: Uint8Array): T;
}

export interface ResponseMessage {
  toJson(options?: { useProtoFieldName?: boolean; emitDefaultValues?: boolean }): unknown;
  toBinary(): Uint8Array;
}

export interface TwirpMethod<T> {
  request: RequestDecoder<T>;
  handle(req: T, claims: ClaimGrants | undefined): ResponseMessage | Promise<ResponseMessage>;
}

/** A method of any request type: each one decodes its own (TwirpMethod is invariant in T). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTwirpMethod = TwirpMethod<any>;

/** `{ 'livekit.Egress': { StartRoomCompositeEgress: … } }` */
export type TwirpServices = Record<string, Record<string, AnyTwirpMethod>>;

export interface TwirpServerOptions {
  keys: () => Record<string, string>;
  services: TwirpServices;
  /** 'unavailable' answers 503 before any other check, like an API whose backend is gone. */
  outage: () => 'none' | 'unavailable';
  recordCall: (method: string, status: number) => void;
}

export const TWIRP_PREFIX = '/twirp/';

/**
 * Serves LiveKit's Twirp API the way the Go server does: auth middleware first (plain-text 401s), then twirp-go's
 * routing, Content-Type negotiation, lenient protojson decoding and Go-style protojson responses.
 */
export function createTwirpHandler(options: TwirpServerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const method = path.startsWith(TWIRP_PREFIX) ? path.slice(TWIRP_PREFIX.length) : path;
    let status = 0;
    try {
      status = await serve(req, res, path, options);
    } catch (e) {
      if (res.headersSent) res.destroy();
      else status = writeError(res, e instanceof TwirpError ? e : new TwirpError('internal', (e as Error).message));
    } finally {
      options.recordCall(method, status);
    }
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, path: string, options: TwirpServerOptions): Promise<number> {
  if (options.outage() === 'unavailable') return writeError(res, errors.noResponse());

  let claims: ClaimGrants | undefined;
  try {
    claims = await authenticate(req.headers.authorization, options.keys());
  } catch (e) {
    if (!(e instanceof AuthRejection)) throw e;
    send(res, e.httpStatus, 'text/plain; charset=utf-8', e.message);
    return e.httpStatus;
  }

  const httpMethod = req.method ?? '';
  if (httpMethod !== 'POST') {
    return writeError(res, errors.badRoute(`unsupported method "${httpMethod}" (only POST is allowed)`, httpMethod, path));
  }
  const handler = lookup(options.services, path);
  if (!handler) return writeError(res, errors.badRoute(`no handler for path "${path}"`, httpMethod, path));

  const rawType = req.headers['content-type'] ?? '';
  const contentType = rawType.split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json' && contentType !== 'application/protobuf') {
    return writeError(res, errors.badRoute(`unexpected Content-Type: "${rawType}"`, httpMethod, path));
  }

  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (e) {
    if (!(e instanceof BodyTooLarge)) throw e;
    sendTooLarge(res);
    return 413;
  }

  const binary = contentType === 'application/protobuf';
  let request: unknown;
  try {
    request = binary
      ? handler.request.fromBinary(body)
      : handler.request.fromJson(JSON.parse(body.toString('utf8')), { ignoreUnknownFields: true });
  } catch {
    if (binary) throw new TwirpError('malformed', 'the protobuf request could not be decoded');
    throw errors.malformed();
  }

  const response = await handler.handle(request, claims);
  if (binary) {
    send(res, 200, 'application/protobuf', response.toBinary());
  } else {
    // Go: protojson with UseProtoNames + EmitUnpopulated → snake_case, zero values present.
    const json = response.toJson({ useProtoFieldName: true, emitDefaultValues: true });
    send(res, 200, 'application/json', JSON.stringify(json));
  }
  return 200;
}

function lookup(services: TwirpServices, path: string): TwirpMethod<unknown> | undefined {
  if (!path.startsWith(TWIRP_PREFIX)) return undefined;
  const [service, method, ...rest] = path.slice(TWIRP_PREFIX.length).split('/');
  if (rest.length > 0 || !method) return undefined;
  const methods = Object.prototype.hasOwnProperty.call(services, service) ? services[service] : undefined;
  return methods && Object.prototype.hasOwnProperty.call(methods, method) ? methods[method] : undefined;
}

/** Twirp errors always go out as exactly `application/json`: the SDK only parses the body on that exact string. */
export function writeError(res: ServerResponse, error: TwirpError): number {
  send(res, error.httpStatus, 'application/json', error.toBody());
  return error.httpStatus;
}
