import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appGrantsSql } from '../roles.js';

/**
 * The app's role (the user of DATABASE_URL) gets what it needs on the tables the owner (the
 * role running the migrations) owns: `database/roles.ts`. When both are the same role (a
 * simple set-up with one role) there is nothing to grant; the start-up says so.
 */
export function appRoleGrants(appRole: string | null) {
  return class AppRoleGrants1764910000000 implements MigrationInterface {
    name = 'AppRoleGrants1764910000000';

    async up(q: QueryRunner): Promise<void> {
      const [{ me }] = await q.query(`SELECT current_user AS me`);
      if (!appRole || appRole === me) return;
      for (const statement of appGrantsSql(appRole)) await q.query(statement);
    }

    async down(q: QueryRunner): Promise<void> {
      if (!appRole) return;
      await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "${appRole.replace(/"/g, '""')}"`);
    }
  };
}
