import type { IncomingMessage, ServerResponse } from 'node:http';

import { BodyTooLarge, readBody, send } from './http-util';

const CONTROL_BODY_LIMIT = 1024 * 1024;

/** A control request the emulator refuses, with its HTTP status. */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type Json = Record<string, unknown>;

export async function readJson(req: IncomingMessage): Promise<Json> {
  let raw: Buffer;
  try {
    raw = await readBody(req, CONTROL_BODY_LIMIT);
  } catch (e) {
    if (e instanceof BodyTooLarge) throw new BadRequest('body too large', 413);
    throw e;
  }
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadRequest('body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadRequest('body must be a JSON object');
  }
  return parsed as Json;
}

export function requiredString(body: Json, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '') throw new BadRequest(`${key} must be a non-empty string`);
  return value;
}

export function optional<T extends 'string' | 'boolean' | 'number'>(
  body: Json,
  key: string,
  type: T,
): (T extends 'string' ? string : T extends 'boolean' ? boolean : number) | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw new BadRequest(`${key} must be a ${type}`);
  return value as never;
}

export function optionalStringArray(body: Json, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new BadRequest(`${key} must be an array of strings`);
  }
  return value as string[];
}

export function rejectUnknownKeys(body: Json, allowed: string[]): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new BadRequest(`unknown field(s): ${unknown.join(', ')}`);
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest(`bad URL encoding: ${segment}`);
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  // EmulatedEgress carries bigint nanoseconds; JSON has no bigint, so they go out as decimal strings.
  const body = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  send(res, status, 'application/json', body);
}
