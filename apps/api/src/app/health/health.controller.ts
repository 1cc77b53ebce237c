import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

import { ApiErrorResponses } from '../errors/api-error-responses';
import { RoomService } from '../livekit/room.service';
import { BlobStorageService } from '../storage/blob-storage.service';

/** @nestjs/terminus's result: `status`, and per check `info`, `error` and `details`. */
const HEALTH_RESULT = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
    info: { type: 'object' },
    error: { type: 'object' },
    details: { type: 'object' },
  },
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly storage: BlobStorageService,
    private readonly rooms: RoomService,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ description: '{"status":"ok"}', schema: HEALTH_RESULT })
  public liveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: the blob container and LiveKit answer' })
  @ApiOkResponse({ description: '{"status":"ok","info":{"storage":{"status":"up"},"livekit":{"status":"up"}}}', schema: HEALTH_RESULT })
  @ApiErrorResponses({ 503: '{"errorMessage":"Not ready: livekit is down (…)", "status":"error", "error":{…}, …}' })
  public async readiness(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.probe('storage', () => this.storage.checkContainer()),
        () => this.probe('livekit', () => this.rooms.ping()),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.entries(result.error ?? {}).map(([name, detail]) => `${name} is down (${detail?.['message'] ?? 'no answer'})`);
      throw new ServiceUnavailableException({ errorMessage: `Not ready: ${down.join('; ')}`, ...result });
    }
  }

  private async probe(key: string, check: () => Promise<void>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await check();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
