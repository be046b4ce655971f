import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

/** /healthz: the process is up. /readyz: the database answers and every migration is applied. */
@Controller()
export class HealthController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Get('healthz')
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) res: FastifyReply): Promise<{ status: string; reason?: string }> {
    try {
      await this.db.query('SELECT 1');
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
