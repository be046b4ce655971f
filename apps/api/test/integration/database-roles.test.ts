import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { factories, startTestApp, type TestApp } from '../support/app.js';

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
