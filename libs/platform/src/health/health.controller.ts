import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../http/auth-guard';
import { Endpoint } from '../http/endpoints';
import { HealthCheck, type HealthReport } from './health-check';
import { HEALTH_OPENAPI } from './health.openapi';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthCheck) {}

  @Get()
  @Public()
  @Endpoint({ summary: 'Liveness and readiness', description: HEALTH_OPENAPI.check })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    // Degraded still serves: only a dependency that does not answer makes it 503.
    response.status(report.status === 'error' ? 503 : 200);
    return report;
  }
}
