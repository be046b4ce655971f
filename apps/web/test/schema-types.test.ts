import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = join(webRoot, '..', 'api', 'schema.gql');

// The web reads event payload kinds and enums from src/generated/schema.ts; a stale file
// would send the wrong payload or hide a button the api now accepts.
describe('src/generated/schema.ts', () => {
  (existsSync(schema) ? it : it.skip)('is current with the api’s schema.gql (run `pnpm gen` if not)', () => {
    const run = spawnSync(process.execPath, [join(webRoot, 'scripts', 'generate-schema-types.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
