import { isValidParticipantName, isValidRoomId, isValidRoomName, NAME_MAX_LENGTH, NAME_PATTERNS } from '@recording/contracts';

import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy, ValidationArguments } from 'class-validator';

const isMissing = (value: unknown) => value === undefined || value === null || value === '';

/** A validation decorator whose message says "is required" for a missing value and `rule` otherwise. */
function namedRule(name: string, test: (value: unknown) => boolean, rule: string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: test,
      defaultMessage: (args?: ValidationArguments) =>
        isMissing(args?.value) ? `${args?.property} is required` : `${args?.property} ${rule}`,
    },
  });
}

const ROOM_NAME_RULE = 'must be 1-100 letters, digits, spaces, "-", "_" or ".", without leading or trailing spaces';

export const IsRoomName = () => namedRule('isRoomName', isValidRoomName, ROOM_NAME_RULE);

/** A request body's required `roomName`: validated, and documented with the pattern the validator checks. */
export const RoomNameField = () =>
  applyDecorators(
    ApiProperty({
      example: 'Test Room',
      description: '1-100 letters and digits of any script, space, "-", "_", "."; no leading/trailing space',
      pattern: NAME_PATTERNS.roomName,
      minLength: 1,
      maxLength: NAME_MAX_LENGTH,
    }),
    IsRoomName(),
  );

/** What is wrong with a `roomName` field, in the words {@link IsRoomName} uses; undefined when it is valid. */
export function roomNameProblem(value: unknown): string | undefined {
  if (isValidRoomName(value)) return undefined;
  return isMissing(value) ? 'roomName is required' : `roomName ${ROOM_NAME_RULE}`;
}

export const IsParticipantName = () =>
  namedRule('isParticipantName', isValidParticipantName, 'must be 1-100 characters without control characters');

export const IsRoomId = () => namedRule('isRoomId', isValidRoomId, 'must be a room SID such as RM_abc123');
