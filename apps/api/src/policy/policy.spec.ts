import { describe, expect, it } from '@jest/globals';
import type { CaseRoleGrant } from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import type { OrgRole } from '../database/entities.js';
import { can } from './policy.js';

const viewer = (orgRole: OrgRole, organisationId = 'org-a'): Viewer => ({
  userId: 'u',
  organisationId,
  email: 'u@example.test',
  displayName: 'U',
  orgRole,
  sessionId: 's',
});

describe('accounts and invitations, as a table', () => {
  it.each([
    ['ORG_ADMIN', 'org-a', true],
    ['ORG_ADMIN', 'org-b', false],
    ['MEDIATOR', 'org-a', false],
    ['PROGRAM_ADMIN', 'org-a', false],
    ['MEMBER', 'org-a', false],
  ] as const)('user.create and user.list: %s for %s → %s', (orgRole, organisationId, allowed) => {
    expect(can(viewer(orgRole), { type: 'user.create', organisationId })).toBe(allowed);
    expect(can(viewer(orgRole), { type: 'user.list', organisationId })).toBe(allowed);
  });

  it.each([
    ['MEDIATOR', true],
    ['PROGRAM_ADMIN', true],
    ['COUNSEL', false],
    ['PARTY', false],
  ] as const)('case.invite: a case %s → %s', (role, allowed) => {
    const caseRoles: CaseRoleGrant[] = [{ role, ...(role === 'COUNSEL' || role === 'PARTY' ? { sideId: 'side-1' } : {}) }];
    // The organisation role does not matter: case roles come from participation.
    expect(can(viewer('MEMBER'), { type: 'case.invite', caseRoles })).toBe(allowed);
    expect(can(viewer('ORG_ADMIN'), { type: 'case.invite', caseRoles })).toBe(allowed);
  });

  it('gives nothing to someone signed out or on no case', () => {
    expect(can(null, { type: 'user.create', organisationId: 'org-a' })).toBe(false);
    expect(can(viewer('MEDIATOR'), { type: 'case.invite', caseRoles: [] })).toBe(false);
  });
});
