import { describe, expect, it } from '@jest/globals';
import { admissionLimits, ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, NODE_ENV: 'development', LOG_LEVEL: 'info' });
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', PORT: '' });
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable, and never echoes a database password', () => {
    try {
      loadConfig({ PORT: '-1', DATABASE_URL: 'http://user:secret@host/db', DEMO_DATA: 'maybe' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/^PORT must be between 0 and 65535/m);
      expect(problems.join('\n')).toMatch(/^DATABASE_URL must be a PostgreSQL URL/m);
      expect(problems.join('\n')).toMatch(/^DEMO_DATA must be true or false/m);
      expect(problems.join('\n')).not.toContain('secret');
    }
  });

  it('reads AUDIT_KEY as at least 32 bytes of hex or base64, and never echoes it', () => {
    const bytes = Buffer.alloc(32, 7);
    expect(loadConfig({ AUDIT_KEY: bytes.toString('hex') }).AUDIT_KEY).toEqual(bytes);
    expect(loadConfig({ AUDIT_KEY: bytes.toString('base64') }).AUDIT_KEY).toEqual(bytes);
    expect(loadConfig({ AUDIT_KEY: bytes.toString('base64url') }).AUDIT_KEY).toEqual(bytes);
    for (const bad of [Buffer.alloc(31, 7).toString('hex'), 'not a key at all, though long enough to be one!!', 'abc']) {
      try {
        loadConfig({ AUDIT_KEY: bad, MIGRATION_DATABASE_URL: 'mysql://owner:hidden@host/db' });
        throw new Error('expected a ConfigError');
      } catch (error) {
        const problems = (error as ConfigError).problems.join('\n');
        expect(problems).toMatch(/^AUDIT_KEY must be at least 32 bytes, written as hex or base64/m);
        expect(problems).toMatch(/^MIGRATION_DATABASE_URL must be a PostgreSQL URL/m);
        expect(problems).not.toContain(bad);
        expect(problems).not.toContain('hidden');
      }
    }
  });

  it('reads SESSION_IDLE_MINUTES as whole minutes from 5 to a day, 30 by default', () => {
    expect(loadConfig({}).SESSION_IDLE_MINUTES).toBe(30);
    expect(loadConfig({ SESSION_IDLE_MINUTES: '90' }).SESSION_IDLE_MINUTES).toBe(90);
    for (const bad of ['2', '1441', '7.5', 'soon']) {
      expect(() => loadConfig({ SESSION_IDLE_MINUTES: bad })).toThrow(/SESSION_IDLE_MINUTES must be/);
    }
  });

  it('reads DEMO_DATA as a boolean', () => {
    expect(loadConfig({ DEMO_DATA: 'true' }).DEMO_DATA).toBe(true);
    expect(loadConfig({ DEMO_DATA: '0' }).DEMO_DATA).toBe(false);
  });

  it('reads the pool, admission and rate-limit settings, with defaults that need nothing else', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ DATABASE_POOL_SIZE: 10, DATABASE_POOL_WAIT_MS: 2000, RATE_LIMIT_STORE: 'postgres', RATE_LIMIT_PER_USER: 600, RATE_LIMIT_PER_ADDRESS: 3000, RATE_LIMIT_WINDOW_SECONDS: 60 });
    expect(admissionLimits(config)).toEqual({ inFlight: 10, queued: 10 });
    expect(admissionLimits(loadConfig({ DATABASE_POOL_SIZE: '4', GRAPHQL_MAX_QUEUED: '0' }))).toEqual({ inFlight: 4, queued: 0 });
    for (const [name, bad] of [['DATABASE_POOL_SIZE', '0'], ['DATABASE_POOL_WAIT_MS', '5'], ['GRAPHQL_MAX_IN_FLIGHT', '0'], ['RATE_LIMIT_PER_USER', '-1'], ['RATE_LIMIT_WINDOW_SECONDS', '0.5'], ['RATE_LIMIT_STORE', 'memcached']] as const) {
      expect(() => loadConfig({ [name]: bad })).toThrow(new RegExp(`${name} must be`));
    }
  });

  it('needs REDIS_URL with the Redis store, and never echoes it', () => {
    expect(() => loadConfig({ RATE_LIMIT_STORE: 'redis' })).toThrow(/REDIS_URL is required with RATE_LIMIT_STORE=redis/);
    expect(loadConfig({ RATE_LIMIT_STORE: 'redis', REDIS_URL: 'redis://:pw@cache:6379/0' }).REDIS_URL).toBe('redis://:pw@cache:6379/0');
    let message = '';
    try {
      loadConfig({ REDIS_URL: 'http://:secret-pw@cache' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/REDIS_URL must be a Redis URL/);
    expect(message).not.toContain('secret-pw');
  });
});

describe('the mode', () => {
  const url = 'postgres://app@db.example.test/impasse';

  it('is the trial on the embedded database and a deployment with DATABASE_URL, unless MODE says', () => {
    expect(loadConfig({}).MODE).toBe('trial');
    expect(loadConfig({ DATABASE_URL: url }).MODE).toBe('deployment');
    expect(loadConfig({ MODE: 'deployment' }).MODE).toBe('deployment');
    expect(loadConfig({ MODE: 'trial', DATABASE_URL: url }).MODE).toBe('trial');
    // NODE_ENV says how fast, not how open: it does not choose the mode.
    expect(loadConfig({ NODE_ENV: 'production' }).MODE).toBe('trial');
    expect(() => loadConfig({ MODE: 'production' })).toThrow(/^Invalid configuration: MODE must be trial or deployment \(got "production"\)/);
  });

  it('listens on 127.0.0.1 in the trial and on every interface in a deployment, unless HOST says', () => {
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL: url }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ MODE: 'deployment', HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
  });

  it('makes session cookies Secure in a deployment unless COOKIE_SECURE=false', () => {
    expect(loadConfig({}).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ MODE: 'deployment' }).COOKIE_SECURE).toBe(true);
    expect(loadConfig({ MODE: 'deployment', COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).COOKIE_SECURE).toBe(true);
    expect(() => loadConfig({ COOKIE_SECURE: 'sometimes' })).toThrow(/COOKIE_SECURE must be true or false/);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
  });

  it('reads addresses, CIDR ranges and proxy-addr names as a list', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).TRUST_PROXY).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, ::1 ,loopback' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '::1', 'loopback']);
  });

  it('refuses anything else, and "true" (every peer could forge its address)', () => {
    // A hop count: Fastify 5 would trust no peer for it (it cannot tell the proxy from a client).
    for (const bad of ['true', '2', 'proxy.example.test', '10.0.0.0/33', '300.1.1.1', '-1', '127.0.0.1,']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must name/);
    }
  });
});
