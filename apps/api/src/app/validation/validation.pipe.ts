import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';

import { InvalidInputError } from '../errors/domain-errors';

/**
 * Validates bodies and queries against their DTO classes: one 400 sentence listing every problem,
 * unknown fields ignored (old clients may send more), bodies that are not JSON objects refused.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  private readonly pipe = new ValidationPipe({
    transform: true,
    whitelist: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => new InvalidInputError(describe(errors)),
  });

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body') {
      // No body at all (or another content type) reads as an empty object: "roomName is required".
      value ??= {};
      if (typeof value !== 'object' || value === null || Array.isArray(value) || Buffer.isBuffer(value)) {
        throw new InvalidInputError('Request body must be a JSON object');
      }
    }
    return this.pipe.transform(value, metadata);
  }
}

function describe(errors: ValidationError[]): string {
  const messages = errors.flatMap((error) => Object.values(error.constraints ?? {}));
  return messages.length > 0 ? messages.join('; ') : 'Invalid request';
}
