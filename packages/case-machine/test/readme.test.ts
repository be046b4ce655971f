import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { EVENT_CATALOGUE, EVENT_POLICY, EVENT_TYPES, GUARD_NAMES, LITIGATION_STATES, RESOLUTION_STATES, type CaseRole } from '../src/index.js';

const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');

/** The permission table as the README shows it, from EVENT_CATALOGUE and EVENT_POLICY. */
function permissionTable(): string {
  const roles: CaseRole[] = ['MEDIATOR', 'COUNSEL', 'PARTY', 'PROGRAM_ADMIN'];
  const rows = EVENT_TYPES.map((type) => {
    const policy = EVENT_POLICY[type];
    const payload = EVENT_CATALOGUE[type].payload.map((f) => (f.required ? f.name : `${f.name}?`)).join(', ') || '—';
    const actsFor = policy.jointly ? 'all sides jointly' : policy.actsFor === 'OWN_SIDE' ? 'own side' : 'case';
    return `| ${[type, payload, ...roles.map((role) => (policy.roles.includes(role) ? '✓' : '')), actsFor].join(' | ')} |`;
  });
  return ['| event | payload | mediator | counsel | party | program admin | acts for |', '|---|---|:-:|:-:|:-:|:-:|---|', ...rows].join('\n');
}

describe('the README', () => {
  it('shows the permission table as the code has it', () => {
    expect(readme).toContain(permissionTable());
  });

  it('names every state and every guard', () => {
    for (const path of [...Object.values(RESOLUTION_STATES), ...LITIGATION_STATES]) expect(readme).toContain(`\`${path}\``);
    for (const name of GUARD_NAMES) expect(readme).toContain(`\`${name}\``);
  });
});
