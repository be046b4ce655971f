import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { connect, migrations } from '../../src/database/data-source.js';
import { migrateDatabase } from '../../src/database/migrate.js';
import { transferOwnership } from '../../src/database/roles.js';
import { prepareJobQueue } from '../../src/reminders/reminder-jobs.js';
import { factories, startTestApp, type TestApp } from '../support/app.js';
import { adminClient, asAdmin, asOwner, createTestDatabase, TEST_OWNER_ROLE } from '../support/database.js';

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp('dbroles');
  f = factories(t);
});
afterAll(() => t.close());

describe("the app's database role", () => {
  it('is not a superuser, owns no table and cannot create roles or databases', async () => {
    const [role] = await t.db.query(
      `SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false });
    const owned = await t.db.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'pgboss') AND pg_get_userbyid(c.relowner) = current_user`,
    );
    expect(owned).toEqual([]);
  });

  it('may only read and append the timeline: no UPDATE, DELETE, TRUNCATE, trigger switch or replica mode', async () => {
    const org = await f.newOrganisation();
    const mediator = await f.newUser(org, 'MEDIATOR');
    const c = await f.newCase(mediator.token);
    await expect(t.db.query(`UPDATE case_events SET type = 'X' WHERE case_id = $1`, [c.id])).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`DELETE FROM case_events WHERE case_id = $1`, [c.id])).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`TRUNCATE case_events CASCADE`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_or_delete`)).rejects.toThrow(/must be owner/);
    await expect(t.db.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`DROP TABLE case_events`)).rejects.toThrow(/must be owner/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [c.id]);
    expect(n).toBe(1);
  });

  it('cannot mark a migration as applied', async () => {
    await expect(t.db.query(`INSERT INTO schema_migrations (timestamp, name) VALUES (1, 'Forged1')`)).rejects.toThrow(/permission denied/);
  });
});

describe('a database built before the roles were split', () => {
  it('is handed from the superuser to the owner, then migrated and granted to the app role', async () => {
    // As the embedded database was: every migration before the split run by its superuser.
    const appUrl = await createTestDatabase('presplit');
    const admin = await adminClient(appUrl);
    const fresh = `${new URL(appUrl).pathname.slice(1)}_old`;
    await admin.query(`CREATE DATABASE ${fresh}`); // owned by the superuser, empty
    await admin.end();
    const oldAppUrl = Object.assign(new URL(appUrl), { pathname: `/${fresh}` }).toString();
    const before = new DataSource({
      type: 'postgres',
      url: asAdmin(oldAppUrl),
      migrations: migrations().filter((m) => !/TimelineSeal|AppRoleGrants/.test(m.name)),
      migrationsTableName: 'schema_migrations',
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.destroy();
    await prepareJobQueue(asAdmin(oldAppUrl), null);

    const superuser = await adminClient(oldAppUrl);
    try {
      const [{ me }] = (await superuser.query(`SELECT current_user AS me`)).rows;
      await transferOwnership(superuser, me, TEST_OWNER_ROLE, ['public', 'pgboss']);
      await transferOwnership(superuser, me, TEST_OWNER_ROLE, ['public', 'pgboss']); // a no-op the second time
      const { rows: left } = await superuser.query(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname IN ('public', 'pgboss') AND c.relowner <> $1::regrole`,
        [TEST_OWNER_ROLE],
      );
      expect(left).toEqual([]);
    } finally {
      await superuser.end();
    }
    const app = await connect({ url: oldAppUrl });
    try {
      const { applied, appRole } = await migrateDatabase({ app, appUrl: oldAppUrl, ownerUrl: asOwner(oldAppUrl) });
      expect(applied).toEqual(['TimelineSeal1764900000000', 'AppRoleGrants1764910000000']);
      expect(appRole).toMatchObject({ superuser: false, ownsTables: false, unwritable: [] });
      await expect(app.query(`DELETE FROM case_events`)).rejects.toThrow(/permission denied/);
      const [{ n }] = await app.query(`SELECT count(*)::int AS n FROM pgboss.queue`);
      // The reminders' two queues (jobs and their scan) and the mail room's two (sending and its sweep).
      expect(n).toBe(4);
    } finally {
      await app.destroy();
    }
  }, 60_000);
});
