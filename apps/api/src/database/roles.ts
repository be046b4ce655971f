/**
 * The two database roles. The owner owns every table and runs the migrations; the app's role,
 * which the api's pool connects as, is a plain LOGIN role that owns nothing, may read and
 * write the ordinary tables, and may only read and append the timeline (`case_events`) and the
 * stall reason records (`stall_reason_records`, revoked and refused by trigger in their migration) and
 * only read `schema_migrations` and `program_rounds` (kept by a trigger). So a bug or a stolen app password cannot rewrite history:
 * changing a timeline row, switching its trigger off or setting `session_replication_role`
 * needs the owner or a superuser.
 */

/** A statement runner: a pg Client, a TypeORM QueryRunner or DataSource. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/** The role of a PostgreSQL URL (its user name), or null when the URL names none. */
export function urlRole(url: string): string | null {
  try {
    const user = decodeURIComponent(new URL(url).username);
    return user || null;
  } catch {
    return null;
  }
}

/** A URL with another user and password (same server and database). */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/**
 * Creates a LOGIN role unless it exists. Roles are cluster-wide, so several processes (test
 * runs on one server) may try at once: the loser's duplicate is ignored. Needs CREATEROLE.
 * With `resetPassword`, an existing role gets `password` (for a cluster this process owns).
 */
export async function ensureLoginRole(db: Queryable, name: string, password: string, options: { resetPassword?: boolean } = {}): Promise<void> {
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT PASSWORD ${quoteLiteral(password)}`;
  try {
    await db.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${quoteLiteral(name)}) THEN
        CREATE ROLE ${quoteIdent(name)} ${attributes};
      END IF;
    END $$`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw error; // duplicate_object, unique_violation: created meanwhile
  }
  if (options.resetPassword) await db.query(`ALTER ROLE ${quoteIdent(name)} ${attributes}`);
}

/**
 * What the app's role may do in schema `public`, run by the owner (a migration): read and
 * write the ordinary tables, only SELECT and INSERT on the timeline, only SELECT on the
 * migrations table; tables the owner creates later get the same by default privileges.
 */
export function appGrantsSql(appRole: string): string[] {
  const app = quoteIdent(appRole);
  return [
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON case_events FROM ${app}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON schema_migrations FROM ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
  ];
}

/**
 * What the app's role may do in pg-boss's schema, run by the owner after pg-boss created or
 * migrated it: use the queue (read, write, delete jobs), never change its structure.
 */
export function jobQueueGrantsSql(appRole: string, schema: string): string[] {
  const app = quoteIdent(appRole);
  const s = quoteIdent(schema);
  return [
    `GRANT USAGE ON SCHEMA ${s} TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${app}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
  ];
}

/**
 * Hands every object in `schemas` owned by `from` over to `to` (and the database itself):
 * for a database built before the roles were split, whose tables a superuser owns. Run by a
 * superuser; a no-op once done.
 */
export async function transferOwnership(db: Queryable, from: string, to: string, schemas: string[]): Promise<void> {
  const target = quoteIdent(to);
  await db.query(`ALTER DATABASE ${quoteIdent(await currentDatabase(db))} OWNER TO ${target}`);
  const list = schemas.map(quoteLiteral).join(', ');
  await db.query(`DO $$ DECLARE stmt text; BEGIN
    FOR stmt IN
      SELECT format('ALTER SCHEMA %I OWNER TO %I', nspname, ${quoteLiteral(to)}) FROM pg_namespace
       WHERE nspname IN (${list}) AND nspowner = ${quoteLiteral(from)}::regrole
      UNION ALL
      SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                    n.nspname, c.relname, ${quoteLiteral(to)})
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname IN (${list}) AND c.relowner = ${quoteLiteral(from)}::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
         -- a sequence owned by a column follows its table
         AND (c.relkind <> 'S' OR NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
      UNION ALL
      SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, ${quoteLiteral(to)})
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname IN (${list}) AND p.proowner = ${quoteLiteral(from)}::regrole
    LOOP
      EXECUTE stmt;
    END LOOP;
  END $$`);
}

async function currentDatabase(db: Queryable): Promise<string> {
  const result = (await db.query(`SELECT current_database() AS name`)) as { rows?: { name: string }[] } | { name: string }[];
  const rows = Array.isArray(result) ? result : (result.rows ?? []);
  return rows[0]!.name;
}

/** What the connected role is, for the start-up's warning and the privilege check. */
/** Tables the app's role reads but never writes: the migrations' record, and what triggers derive. */
export const READ_ONLY_TABLES = ['schema_migrations', 'program_rounds'] as const;

export const ROLE_FACTS_SQL = `
  SELECT current_user AS role,
         r.rolsuper AS superuser,
         EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relowner = r.oid) AS "ownsTables",
         ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                  AND NOT (has_table_privilege(c.oid, 'SELECT')
                           AND (has_table_privilege(c.oid, 'INSERT') OR c.relname IN (${READ_ONLY_TABLES.map((t) => `'${t}'`).join(', ')})))
                ORDER BY 1) AS "unwritable"
    FROM pg_roles r WHERE r.rolname = current_user`;

export interface RoleFacts {
  role: string;
  superuser: boolean;
  ownsTables: boolean;
  /** Tables the role may not read or append to (or only read, beyond READ_ONLY_TABLES): the grants are missing. */
  unwritable: string[];
}
