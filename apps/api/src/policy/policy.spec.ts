import { describe, expect, it } from '@jest/globals';
import type { CaseRoleGrant } from '@impasse/case-machine';
import type { Viewer } from '../auth/viewer.js';
import type { OrgRole } from '../database/entities.js';
import { allowedEdits, can, CASE_EDITS } from './policy.js';

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
  ] as const)('user.create, user.list and outbox.read: %s for %s → %s', (orgRole, organisationId, allowed) => {
    expect(can(viewer(orgRole), { type: 'user.create', organisationId })).toBe(allowed);
    expect(can(viewer(orgRole), { type: 'user.list', organisationId })).toBe(allowed);
    expect(can(viewer(orgRole), { type: 'outbox.read', organisationId })).toBe(allowed);
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

describe('confidential tiers, as a table', () => {
  const A = 'side-a';
  const B = 'side-b';
  const grant = (role: CaseRoleGrant['role'], sideId?: string): CaseRoleGrant[] => [sideId ? { role, sideId } : { role }];
  const me = { ...viewer('MEMBER'), userId: 'me' };
  it.each([
    // tier, case roles, target, allowed
    ['court-reportable', grant('PROGRAM_ADMIN'), {}, true],
    ['court-reportable', grant('PARTY', A), {}, true],
    ['case-shared', grant('PROGRAM_ADMIN'), {}, false],
    ['case-shared', grant('MEDIATOR'), {}, true],
    ['case-shared', grant('COUNSEL', A), {}, true],
    ['side-private', grant('COUNSEL', A), { sideId: A }, true],
    ['side-private', grant('PARTY', A), { sideId: A }, true],
    ['side-private', grant('COUNSEL', A), { sideId: B }, false],
    ['side-private', grant('COUNSEL', A), { sideId: B, sharedWithMediator: true }, false],
    ['side-private', grant('MEDIATOR'), { sideId: A }, false],
    ['side-private', grant('MEDIATOR'), { sideId: A, sharedWithMediator: true }, true],
    ['side-private', grant('PROGRAM_ADMIN'), { sideId: A, sharedWithMediator: true }, false],
    ['mediator-private', grant('MEDIATOR'), { authorUserId: 'me' }, true],
    ['mediator-private', grant('MEDIATOR'), { authorUserId: 'another mediator' }, false],
    ['mediator-private', grant('COUNSEL', A), { authorUserId: 'me' }, false],
    ['mediator-private', grant('PROGRAM_ADMIN'), { authorUserId: 'me' }, false],
    ['court-reportable', [], {}, false],
  ] as const)('field.read %s by %j on %j → %s', (tier, caseRoles, target, allowed) => {
    expect(can(me, { type: 'field.read', tier, caseRoles, ...target })).toBe(allowed);
  });

  it('lets only that side write its workspace, and only the author change a mediator note', () => {
    expect(can(me, { type: 'workspace.write', caseRoles: grant('PARTY', A), sideId: A })).toBe(true);
    expect(can(me, { type: 'workspace.write', caseRoles: grant('COUNSEL', A), sideId: B })).toBe(false);
    expect(can(me, { type: 'workspace.write', caseRoles: grant('MEDIATOR'), sideId: A })).toBe(false);
    expect(can(me, { type: 'mediatorNote.write', caseRoles: grant('MEDIATOR') })).toBe(true);
    expect(can(me, { type: 'mediatorNote.write', caseRoles: grant('MEDIATOR'), authorUserId: 'someone else' })).toBe(false);
    expect(can(me, { type: 'mediatorNote.write', caseRoles: grant('COUNSEL', A) })).toBe(false);
  });
});

describe('the conflict check, as a table', () => {
  const grants = (role: CaseRoleGrant['role'], sideId?: string): CaseRoleGrant[] => [{ role, ...(sideId ? { sideId } : {}) }];
  it.each([
    ['MEDIATOR', true],
    ['PROGRAM_ADMIN', true],
    ['COUNSEL', false],
    ['PARTY', false],
  ] as const)('case.proposeMediator by the case %s → %s', (role, allowed) => {
    expect(can(viewer('MEDIATOR'), { type: 'case.proposeMediator', caseRoles: grants(role, role === 'COUNSEL' || role === 'PARTY' ? 's1' : undefined) })).toBe(allowed);
  });

  it.each([
    ['MEDIATOR', 'org-a', true],
    ['MEDIATOR', 'org-b', false],
    ['MEMBER', 'org-a', false],
    ['PROGRAM_ADMIN', 'org-a', false],
  ] as const)('mediator.propose: a %s of %s → %s', (orgRole, organisationId, allowed) => {
    expect(can(viewer('PROGRAM_ADMIN'), { type: 'mediator.propose', candidate: { orgRole, organisationId } })).toBe(allowed);
  });

  it.each([
    ['MEDIATOR', 'org-a', true],
    ['PROGRAM_ADMIN', 'org-a', true],
    ['MEDIATOR', 'org-b', false],
    ['PROGRAM_ADMIN', 'org-b', false],
    ['ORG_ADMIN', 'org-a', false],
    ['MEMBER', 'org-a', false],
  ] as const)('mediator.list: a %s listing the mediators of %s → %s', (orgRole, organisationId, allowed) => {
    expect(can(viewer(orgRole), { type: 'mediator.list', organisationId })).toBe(allowed);
  });

  it('case.acknowledgeDisclosure: counsel and parties of that side only', () => {
    expect(can(viewer('MEMBER'), { type: 'case.acknowledgeDisclosure', caseRoles: grants('COUNSEL', 's1'), sideId: 's1' })).toBe(true);
    expect(can(viewer('MEMBER'), { type: 'case.acknowledgeDisclosure', caseRoles: grants('PARTY', 's1'), sideId: 's1' })).toBe(true);
    expect(can(viewer('MEMBER'), { type: 'case.acknowledgeDisclosure', caseRoles: grants('COUNSEL', 's1'), sideId: 's2' })).toBe(false);
    expect(can(viewer('MEDIATOR'), { type: 'case.acknowledgeDisclosure', caseRoles: grants('MEDIATOR'), sideId: 's1' })).toBe(false);
    expect(can(viewer('PROGRAM_ADMIN'), { type: 'case.acknowledgeDisclosure', caseRoles: grants('PROGRAM_ADMIN'), sideId: 's1' })).toBe(false);
  });
});

describe('allowedEdits', () => {
  it('is nothing for nobody, and nothing for someone without a role on the case', () => {
    expect(allowedEdits(null, [{ role: 'MEDIATOR' }])).toEqual([]);
    expect(allowedEdits(viewer('MEDIATOR'), [])).toEqual([]);
  });

  it('lists each kind exactly when its action is allowed, for one role or several', () => {
    const combos: CaseRoleGrant[][] = [
      [{ role: 'COUNSEL', sideId: 's1' }],
      [{ role: 'PARTY', sideId: 's1' }],
      [{ role: 'PROGRAM_ADMIN' }],
      [{ role: 'PROGRAM_ADMIN' }, { role: 'COUNSEL', sideId: 's1' }],
    ];
    for (const caseRoles of combos) {
      const expected = (Object.keys(CASE_EDITS) as (keyof typeof CASE_EDITS)[]).filter((edit) => can(viewer('MEMBER'), CASE_EDITS[edit](caseRoles)));
      expect(allowedEdits(viewer('MEMBER'), caseRoles)).toEqual(expected);
    }
    expect(allowedEdits(viewer('MEMBER'), [{ role: 'PROGRAM_ADMIN' }, { role: 'COUNSEL', sideId: 's1' }])).toEqual(['RECORDS', 'INVITE', 'PROPOSE_MEDIATOR', 'PLAYBOOK', 'STRATEGY']);
  });

  it('the process checklist is every participant’s but the program administrator’s; a strategy checklist its side’s only', () => {
    const tick = (type: 'case.tickProcess' | 'case.tickStrategy', caseRoles: CaseRoleGrant[], sideId?: string) =>
      can(viewer('MEMBER'), type === 'case.tickProcess' ? { type, caseRoles } : { type, caseRoles, ...(sideId ? { sideId } : {}) });
    for (const role of ['MEDIATOR', 'COUNSEL', 'PARTY'] as const) expect(tick('case.tickProcess', [{ role, sideId: 's1' }])).toBe(true);
    expect(tick('case.tickProcess', [{ role: 'PROGRAM_ADMIN' }])).toBe(false);
    expect(tick('case.tickStrategy', [{ role: 'COUNSEL', sideId: 's1' }], 's1')).toBe(true);
    expect(tick('case.tickStrategy', [{ role: 'PARTY', sideId: 's1' }], 's1')).toBe(true);
    expect(tick('case.tickStrategy', [{ role: 'COUNSEL', sideId: 's1' }], 's2')).toBe(false);
    expect(tick('case.tickStrategy', [{ role: 'MEDIATOR' }])).toBe(false);
    expect(tick('case.tickStrategy', [{ role: 'PROGRAM_ADMIN' }])).toBe(false);
  });
});
