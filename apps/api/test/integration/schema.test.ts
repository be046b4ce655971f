import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { currentSchema } from '../../src/cli/emit-schema.js';
import { API_DIR } from '../support/process.js';

describe('schema.gql', () => {
  it('is the schema the code defines (run `pnpm --filter @impasse/api schema` after a build to update it)', async () => {
    const committed = readFileSync(join(API_DIR, 'schema.gql'), 'utf8');
    expect(committed).toBe(await currentSchema());
  });
});
