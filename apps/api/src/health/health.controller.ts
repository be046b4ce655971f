import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { DatabaseHealth } from './database-health.js';

type Unavailable = { status: 'unavailable'; reason: string };

/**
 * /healthz: the process is up and reaches its database (503 while it cannot: a supervisor or
 * load balancer takes the instance out, and it comes back by itself once the database does;
 * see DatabaseHealth for why the check is cheap). /readyz: the same, and every migration is applied.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly health: DatabaseHealth,
  ) {}

  @Get('healthz')
  async healthz(@Res({ passthrough: true }) res: FastifyReply): Promise<{ status: 'ok' } | Unavailable> {
    if (await this.health.isUp()) return { status: 'ok' };
    res.status(503);
    return { status: 'unavailable', reason: 'database unreachable' };
  }

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) res: FastifyReply): Promise<{ status: 'ready' } | Unavailable> {
    try {
      if (!(await this.health.isUp())) throw new Error('database unreachable');
      if (await this.db.showMigrations()) {
        res.status(503);
        return { status: 'unavailable', reason: 'database migrations are pending' };
      }
      return { status: 'ready' };
    } catch {
      res.status(503);
      return { status: 'unavailable', reason: 'database unreachable' };
    }
  }
}
