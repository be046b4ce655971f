import { isIP } from 'node:net';
import { z } from 'zod';
import { parseAuditKey } from './audit-key.js';

/**
 * Everything the api reads from the environment, validated once at start-up. A bad
 * variable stops the process with one line per problem that names the variable.
 */
/**
 * Sessions end after 30 minutes without use: they open confidential mediation material
 * (caucus notes, a side's workspace, drafts of agreements) on shared office and court
 * machines, and 15 to 30 minutes is the usual idle limit for such work.
 */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;

/** Where the api's parts find the configuration (provided by the app module). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** proxy-addr's names for address ranges (Fastify's `trustProxy` takes them too). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, an address/prefix (CIDR) or one of proxy-addr's range names. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** "name <address>" or a bare address: what a From or Reply-To header holds. */
function isMailbox(value: string): boolean {
  const match = /^\s*(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))\s*$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  return Boolean(address && /^[^@\s]+@[^@\s]+$/.test(address));
}

const boolean = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const schema = z.object({
  /** How fast (libraries read it), never how open: that is MODE. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * `trial`: demo data, 127.0.0.1 unless HOST says, introspection and GraphiQL. `deployment`:
   * no demo data unless DEMO_DATA, introspection and suggestions off, Secure cookies. Default:
   * a deployment when DATABASE_URL is set, else the trial.
   */
  MODE: z.enum(['trial', 'deployment'], { error: 'must be trial or deployment' }).optional(),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  /** Default: 127.0.0.1 in the trial, 0.0.0.0 in a deployment. */
  HOST: z.string().min(1).optional(),
  /**
   * The proxies whose X-Forwarded-For/-Proto/-Host count (Fastify's `trustProxy`): a
   * comma-separated list of addresses, CIDR ranges or proxy-addr's names (loopback, linklocal,
   * uniquelocal). Default: none, so a peer cannot name its own address. Not a number of hops:
   * Fastify 5 trusts no peer for a hop count (it cannot tell the proxy from a client), and not
   * `true` (every peer could then write its own address).
   */
  TRUST_PROXY: z
    .string()
    .transform((value, ctx): string[] | false => {
      const text = value.trim();
      if (text === 'false') return false;
      const entries = text.split(',').map((entry) => entry.trim());
      if (entries.every(isProxyAddress)) return entries;
      ctx.addIssue({
        code: 'custom',
        message: 'must name the proxy: addresses or CIDR ranges separated by commas (127.0.0.1, 10.0.0.0/8), or loopback',
      });
      return z.NEVER;
    })
    .optional(),
  /** Session cookies `Secure` on plain http too. Default: true in a deployment, false in the trial (Secure over https only). */
  COOKIE_SECURE: boolean.optional(),
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
      message: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/database',
    })
    .optional(),
  /** The role that owns the tables and runs the migrations; DATABASE_URL's role when not set. */
  MIGRATION_DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
      message: 'must be a PostgreSQL URL such as postgres://owner:password@host:5432/database',
    })
    .optional(),
  /**
   * The secret that seals each case's timeline head (HMAC-SHA256): at least 32 bytes, hex or
   * base64. Required with DATABASE_URL; the embedded database keeps one in its data folder.
   */
  AUDIT_KEY: z
    .string()
    .transform((value, ctx) => {
      const key = parseAuditKey(value);
      if (!key) {
        ctx.addIssue({ code: 'custom', message: 'must be at least 32 bytes, written as hex or base64 (for example: openssl rand -hex 32)' });
        return z.NEVER;
      }
      return key;
    })
    .optional(),
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is not set. */
  DATA_DIR: z.string().min(1).optional(),
  /** Load the demo cases and sign-ins into an empty database. Default: true in the trial, false in a deployment. */
  DEMO_DATA: boolean.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seconds to wait for the database before giving up at start-up. */
  DATABASE_CONNECT_TIMEOUT: z.coerce.number().int().min(1).max(60).default(5),
  /** Where the built dashboard lives; defaults to the @impasse/web package's dist folder. */
  WEB_DIST: z.string().min(1).optional(),
  /** Durable jobs (deadline reminders, pg-boss in the schema `pgboss`); `off` for tests and tools that do not need them. */
  JOBS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  /**
   * Minutes a session may go unused before it ends (the person signs in again). Its use is
   * recorded at most once a minute, so a session may end up to two minutes early.
   */
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .int('must be a whole number of minutes')
    .min(5, 'must be between 5 and 1440 minutes')
    .max(1440, 'must be between 5 and 1440 minutes')
    .default(DEFAULT_SESSION_IDLE_MINUTES),
  /**
   * Connections in the app's pool (per api instance). With the embedded default and a server's
   * default max_connections (100) there is room for several instances plus the tools.
   */
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: 'must be a number of connections' })
    .int('must be a whole number of connections')
    .min(1, 'must be between 1 and 500 connections')
    .max(500, 'must be between 1 and 500 connections')
    .default(10),
  /**
   * Milliseconds a statement waits for a free connection of the pool (and a queued GraphQL
   * request for its turn) before the request is answered UNAVAILABLE (HTTP 503, Retry-After).
   */
  DATABASE_POOL_WAIT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(10, 'must be between 10 and 60000 milliseconds')
    .max(60000, 'must be between 10 and 60000 milliseconds')
    .default(2000),
  /**
   * GraphQL requests over HTTP executing at once on one instance; the next ones wait in a queue
   * of GRAPHQL_MAX_QUEUED, and past that are refused at once with UNAVAILABLE (HTTP 503).
   * Default: DATABASE_POOL_SIZE (bench/RESULTS.md: more in flight only lengthens every
   * request's time once the machine is busy).
   */
  GRAPHQL_MAX_IN_FLIGHT: z.coerce
    .number({ error: 'must be a number of requests' })
    .int('must be a whole number of requests')
    .min(1, 'must be between 1 and 10000 requests')
    .max(10000, 'must be between 1 and 10000 requests')
    .optional(),
  /** GraphQL requests that may wait for a place (at most DATABASE_POOL_WAIT_MS each). Default: DATABASE_POOL_SIZE. */
  GRAPHQL_MAX_QUEUED: z.coerce
    .number({ error: 'must be a number of requests' })
    .int('must be a whole number of requests')
    .min(0, 'must be between 0 and 10000 requests')
    .max(10000, 'must be between 0 and 10000 requests')
    .optional(),
  /**
   * Where request counts of the rate limits are kept, shared by every api instance: the app's
   * PostgreSQL (`request_counts`, through a small pool of its own), or Redis at REDIS_URL.
   */
  RATE_LIMIT_STORE: z.enum(['postgres', 'redis'], { error: 'must be postgres or redis' }).default('postgres'),
  /** Redis for RATE_LIMIT_STORE=redis, e.g. redis://:password@host:6379/0. */
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
      message: 'must be a Redis URL such as redis://host:6379/0 (rediss:// for TLS)',
    })
    .optional(),
  /** What the api's keys in Redis start with, should several applications share one Redis. */
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('impasse'),
  /** GraphQL requests (HTTP and subscribe messages) a signed-in user may send per RATE_LIMIT_WINDOW_SECONDS; 0 turns the limit off. */
  RATE_LIMIT_PER_USER: z.coerce
    .number({ error: 'must be a number of requests' })
    .int('must be a whole number of requests')
    .min(0, 'must be between 0 and 1000000 requests')
    .max(1_000_000, 'must be between 0 and 1000000 requests')
    .default(600),
  /**
   * GraphQL requests one client address may send per window, signed in or not (an office or a
   * court behind one address shares it); 0 turns the limit off.
   */
  RATE_LIMIT_PER_ADDRESS: z.coerce
    .number({ error: 'must be a number of requests' })
    .int('must be a whole number of requests')
    .min(0, 'must be between 0 and 1000000 requests')
    .max(1_000_000, 'must be between 0 and 1000000 requests')
    .default(3000),
  /** The window of the rate limits, in seconds: a count starts with the first request and ends after it. */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be between 1 and 3600 seconds')
    .max(3600, 'must be between 1 and 3600 seconds')
    .default(60),
  /**
   * The SMTP server mails go through (nodemailer), e.g. smtps://user:password@smtp.example.org:465
   * or smtp://host:587 (STARTTLS when the server offers it). Without it every mail is kept in
   * the database's outbox, which the organisation admin reads on the Outbox page.
   */
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
      message: 'must be an SMTP URL such as smtps://user:password@smtp.example.org:465 or smtp://host:587',
    })
    .optional(),
  /** The sender of every mail, an address with an optional name: "Impasse <no-reply@example.org>". */
  MAIL_FROM: z
    .string()
    .refine(isMailbox, { message: 'must be an e-mail address, optionally with a name: Impasse <no-reply@example.org>' })
    .default('Impasse <no-reply@impasse.invalid>'),
  /** Where replies to a mail go (a monitored mailbox). Default: no Reply-To, replies go to MAIL_FROM. */
  MAIL_REPLY_TO: z
    .string()
    .refine(isMailbox, { message: 'must be an e-mail address, optionally with a name: Case Desk <desk@example.org>' })
    .optional(),
  /**
   * The address people open the dashboard at, for the links in mails (https in a deployment:
   * one-click unsubscribe needs an https URL). Default: the address the api listens at.
   */
  PUBLIC_URL: z
    .string()
    .refine((value) => /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value) && URL.canParse(value), {
      message: 'must be the http(s) address of the dashboard, such as https://cases.example.org',
    })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  /** Attempts at a mail the server answers with a temporary failure (4xx) or cannot be reached for, before it counts as failed. */
  MAIL_RETRY_LIMIT: z.coerce
    .number({ error: 'must be a number of attempts' })
    .int('must be a whole number of attempts')
    .min(0, 'must be between 0 and 50 attempts')
    .max(50, 'must be between 0 and 50 attempts')
    .default(10),
  /** Seconds before the first retry of a mail; each further retry waits about twice as long. */
  MAIL_RETRY_DELAY_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be between 1 and 3600 seconds')
    .max(3600, 'must be between 1 and 3600 seconds')
    .default(30),
  /** Seconds a job may run before it counts as lost (its worker died) and another instance retries it. */
  JOBS_RECOVERY_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be between 1 and 3600 seconds')
    .max(3600, 'must be between 1 and 3600 seconds')
    .default(60),
});

export type Mode = 'trial' | 'deployment';

/** The settings that follow from the mode unless given, filled in. */
const resolved = schema.transform((config) => {
  const MODE: Mode = config.MODE ?? (config.DATABASE_URL ? 'deployment' : 'trial');
  return {
    ...config,
    MODE,
    HOST: config.HOST ?? (MODE === 'trial' ? '127.0.0.1' : '0.0.0.0'),
    TRUST_PROXY: config.TRUST_PROXY ?? (false as const),
    COOKIE_SECURE: config.COOKIE_SECURE ?? MODE === 'deployment',
    /** Whether COOKIE_SECURE was given (a deployment that turns it off is warned about). */
    COOKIE_SECURE_SET: config.COOKIE_SECURE !== undefined,
  };
});

export type AppConfig = z.infer<typeof resolved>;

/** GRAPHQL_MAX_IN_FLIGHT and GRAPHQL_MAX_QUEUED, with their defaults from the pool's size. */
export function admissionLimits(config: Pick<AppConfig, 'DATABASE_POOL_SIZE' | 'GRAPHQL_MAX_IN_FLIGHT' | 'GRAPHQL_MAX_QUEUED'>): { inFlight: number; queued: number } {
  return {
    inFlight: config.GRAPHQL_MAX_IN_FLIGHT ?? config.DATABASE_POOL_SIZE,
    queued: config.GRAPHQL_MAX_QUEUED ?? config.DATABASE_POOL_SIZE,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Variables whose value is never repeated in an error (credentials, keys). */
const SECRET = new Set(['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'AUDIT_KEY', 'REDIS_URL', 'SMTP_URL']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means "not set", as in a shell `FOO= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = resolved.safeParse(present);
  if (result.success) {
    if (result.data.RATE_LIMIT_STORE === 'redis' && !result.data.REDIS_URL) {
      throw new ConfigError(['REDIS_URL is required with RATE_LIMIT_STORE=redis (for example redis://host:6379/0)']);
    }
    return result.data;
  }
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const given = present[name];
      const shown = SECRET.has(name) || given === undefined ? '' : ` (got "${given}")`;
      return `${name} ${issue.message}${shown}`;
    }),
  );
}
