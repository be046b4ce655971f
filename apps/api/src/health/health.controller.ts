import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { SERVICE_POOL } from '../database/service-pool.js';

/**
 * /healthz: the process is up. /readyz: the database answers and every migration is applied.
 * Neither passes the GraphQL admission gate, and /readyz asks the database over the service
 * pool (database/service-pool.ts), so both answer while GraphQL holds every connection of the
 * app's pool: a saturated instance is busy, not broken.
 */
@Controller()
export class HealthController {
  /** Migrations, once all applied, stay applied: checked until then. */
  private migrated = false;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(SERVICE_POOL) private readonly pool: pg.Pool,
  ) {}

  @Get('healthz')
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) res: FastifyReply): Promise<{ status: string; reason?: string }> {
    try {
      await this.pool.query('SELECT 1');
      if (!this.migrated && (await this.pendingMigrations())) {
        res.status(503);
        return { status: 'unavailable', reason: 'database migrations are pending' };
      }
      this.migrated = true;
      return { status: 'ready' };
    } catch {
      res.status(503);
      return { status: 'unavailable', reason: 'database unreachable' };
    }
  }

  /** Whether a migration this app knows is not recorded as applied (TypeORM's showMigrations, over the service pool). */
  private async pendingMigrations(): Promise<boolean> {
    const table = this.db.options.migrationsTableName ?? 'migrations';
    const { rows } = await this.pool.query<{ name: string }>(`SELECT name FROM ${table}`);
    const applied = new Set(rows.map((row) => row.name));
    return this.db.migrations.some((migration) => !applied.has(migration.name ?? migration.constructor.name));
  }
}
