import { Controller, ExecutionContext, Get, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import { AppConfig } from '../config/app-config';
import { AccessForbiddenError, CredentialRequiredError, InvalidInputError } from '../errors/domain-errors';
import type { ShareLinks } from '../recordings/catalog/share-links';
import { RecordingName, RecordingReadAccess, RoomControlAccess } from './access.decorators';
import { AccessGuard } from './access.guard';
import { accessGrantOf } from './access-grant';
import type { CredentialReader } from './credential-reader';

const NAME = 'RoomComposite-Alpha-2026-11-23T101500-RM_a.mp4';

/** Routes a developer might add: one that names a recording and checks nothing else, and guarded ones. */
@Controller('probe')
class ProbeController {
  @Get(':recordingName/unguarded')
  unguarded(): void {}

  @Get(':recordingName')
  @RecordingReadAccess()
  read(@RecordingName() _name: string): void {}

  @Post('control')
  @RoomControlAccess()
  control(): void {}
}

function guardFor(
  mode: 'room' | 'open',
  credentials = { operator: false, passes: [] as { room: string; name: string; expiresAt: number }[] },
) {
  const reader = { read: jest.fn(async () => ({ credentials, refusals: [] })) };
  const config = { access: { mode } } as unknown as AppConfig;
  const guard = new AccessGuard(new Reflector(), config, reader as unknown as CredentialReader, {} as ShareLinks);
  return { guard, reader };
}

function contextFor(handler: keyof ProbeController, partial: Partial<Request>): ExecutionContext {
  const request = { query: {}, headers: {}, ...partial };
  return {
    getHandler: () => ProbeController.prototype[handler],
    getClass: () => ProbeController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard fails closed', () => {
  it('refuses a route that names a recording and has no access rule, valid name or not', async () => {
    const { guard } = guardFor('room', { operator: true, passes: [] });
    for (const recordingName of [NAME, 'x']) {
      await expect(guard.canActivate(contextFor('unguarded', { params: { recordingName } }))).rejects.toBeInstanceOf(AccessForbiddenError);
    }
  });

  it.each(['room', 'open'] as const)(
    'answers 400 for an invalid or missing recording name before reading any credential (%s mode)',
    async (mode) => {
      const { guard, reader } = guardFor(mode, { operator: true, passes: [] });
      for (const params of [{ recordingName: 'not-a-recording.mp4' }, { recordingName: '../secret.mp4' }, {}] as Record<string, string>[]) {
        await expect(guard.canActivate(contextFor('read', { params }))).rejects.toBeInstanceOf(InvalidInputError);
      }
      expect(reader.read).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['no body', undefined, 'roomName is required'],
    ['an array', [{ roomName: 'Alpha' }], 'Request body must be a JSON object'],
    ['a slash', { roomName: 'a/b' }, 'roomName must be'],
  ])('answers 400 for a room-control body with %s, in the words validation uses', async (_label, body, message) => {
    const { guard } = guardFor('room');
    await expect(guard.canActivate(contextFor('control', { body }))).rejects.toThrow(message);
  });

  it('hands the handler the validated name, and refuses a missing credential with 401', async () => {
    const allowed = guardFor('room', { operator: false, passes: [{ room: 'Alpha', name: 'Ann', expiresAt: Date.now() + 60_000 }] });
    const request = { params: { recordingName: NAME } };
    const context = contextFor('read', request);
    await expect(allowed.guard.canActivate(context)).resolves.toBe(true);
    expect(accessGrantOf(context.switchToHttp().getRequest<Request>())).toMatchObject({ recording: NAME, actor: 'Ann' });
    await expect(guardFor('room').guard.canActivate(contextFor('read', { params: { recordingName: NAME } }))).rejects.toBeInstanceOf(
      CredentialRequiredError,
    );
  });
});
