import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

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

  it('reads DEMO_DATA as a boolean', () => {
    expect(loadConfig({ DEMO_DATA: 'true' }).DEMO_DATA).toBe(true);
    expect(loadConfig({ DEMO_DATA: '0' }).DEMO_DATA).toBe(false);
  });
});
