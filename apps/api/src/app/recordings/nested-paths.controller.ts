import { Controller, Delete, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { InvalidInputError } from '../errors/domain-errors';

/**
 * A "name" with a slash in it (`a/b.mp4`) is never one of ours: 400 like any other invalid name, instead of the SPA or
 * a 404. Registered after every other route under /recordings.
 */
@ApiExcludeController()
@Controller('recordings')
export class NestedPathsController {
  @Get('*path')
  public rejectNestedGet(): never {
    throw new InvalidInputError('Invalid recording name');
  }

  @Delete('*path')
  public rejectNestedDelete(): never {
    throw new InvalidInputError('Invalid recording name');
  }
}
