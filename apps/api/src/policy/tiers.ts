import type { CaseRole, CaseRoleGrant } from '@impasse/case-machine';

/**
 * Confidential tiers (issue 5, DOMAIN.md "Confidentiality"). Every field of a case belongs to
 * exactly one tier, and `can(viewer, { type: 'field.read', tier, … })` decides who reads it.
 *
 * - `court-reportable`: what UMA §7 lets a court hear (whether mediation occurred or
 *   terminated, whether it settled, attendance) plus the court's own docket facts (caption,
 *   docket number, dispute type, court-ordered, the sides named in the caption, the
 *   statechart state). Everyone on the case, the program administrator included.
 * - `case-shared`: the working record of the mediation (issues, sessions, deadlines,
 *   agreements, participants, the timeline). Every participant except a program administrator.
 * - `side-private`: one side's workspace and its strategy checklist (the playbook's STRATEGY
 *   items: its litigation and negotiation plan). That side's counsel and parties; the mediator
 *   only for the workspace items the side shared with them. The neutral process checklist
 *   (`playbook`) is case-shared.
 * - `mediator-private`: the mediator's own notes, including what a side said in caucus.
 *   Only the mediator who wrote them.
 */
export const TIERS = ['court-reportable', 'case-shared', 'side-private', 'mediator-private'] as const;
export type Tier = (typeof TIERS)[number];

/** Every field of the GraphQL `Case` type and its tier. A test fails when a field is missing. */
export const CASE_FIELD_TIERS = {
  id: 'court-reportable',
  caption: 'court-reportable',
  docketNumber: 'court-reportable',
  disputeType: 'court-reportable',
  courtOrdered: 'court-reportable',
  programId: 'court-reportable',
  referralSource: 'court-reportable',
  referralDate: 'court-reportable',
  state: 'court-reportable',
  sides: 'court-reportable',
  version: 'court-reportable',
  updatedAt: 'court-reportable',
  myRoles: 'court-reportable',
  allowedEvents: 'court-reportable',
  allowedEdits: 'court-reportable',
  courtReport: 'court-reportable',
  courtReportFilings: 'court-reportable',
  nextDeadlineAt: 'case-shared',
  needsAttention: 'case-shared',
  issues: 'case-shared',
  participants: 'case-shared',
  sessions: 'case-shared',
  deadlines: 'case-shared',
  agreements: 'case-shared',
  timeline: 'case-shared',
  timelineIntegrity: 'case-shared',
  mediatorAssignment: 'case-shared',
  debrief: 'case-shared',
  recommendations: 'case-shared',
  playbook: 'case-shared',
  myWorkspace: 'side-private',
  myStrategy: 'side-private',
  sharedWithMediator: 'side-private',
  mediatorNotes: 'mediator-private',
} as const satisfies Record<string, Tier>;
export type CaseField = keyof typeof CASE_FIELD_TIERS;

/** Who reads each tier, by case role: the permission matrix printed in ARCHITECTURE.md. */
export const TIER_READERS: Readonly<Record<Tier, Readonly<Record<CaseRole, 'yes' | 'no' | 'own side' | 'shared items' | 'own notes'>>>> = {
  'court-reportable': { MEDIATOR: 'yes', COUNSEL: 'yes', PARTY: 'yes', PROGRAM_ADMIN: 'yes' },
  'case-shared': { MEDIATOR: 'yes', COUNSEL: 'yes', PARTY: 'yes', PROGRAM_ADMIN: 'no' },
  'side-private': { MEDIATOR: 'shared items', COUNSEL: 'own side', PARTY: 'own side', PROGRAM_ADMIN: 'no' },
  'mediator-private': { MEDIATOR: 'own notes', COUNSEL: 'no', PARTY: 'no', PROGRAM_ADMIN: 'no' },
};

/** What one tier decision needs beyond the viewer's case roles. */
export interface FieldReadTarget {
  tier: Tier;
  caseRoles: readonly CaseRoleGrant[];
  /** side-private: the side whose workspace it is. */
  sideId?: string;
  /** side-private: the side shared this item with the mediator. */
  sharedWithMediator?: boolean;
  /** mediator-private: who wrote the note, and who asks. */
  authorUserId?: string;
}

/** The tier rule itself; `can` in policy.ts calls it for `field.read`. */
export function mayReadTier(userId: string, target: FieldReadTarget): boolean {
  return target.caseRoles.some((grant) => {
    const rule = TIER_READERS[target.tier][grant.role];
    switch (rule) {
      case 'yes':
        return true;
      case 'no':
        return false;
      case 'own side':
        return target.sideId !== undefined && grant.sideId === target.sideId;
      case 'shared items':
        return target.sideId !== undefined && target.sharedWithMediator === true;
      case 'own notes':
        return target.authorUserId !== undefined && target.authorUserId === userId;
    }
  });
}

/** The matrix as a markdown table (ARCHITECTURE.md carries it; a test keeps the two equal). */
export function tiersMarkdown(): string {
  const roles: CaseRole[] = ['MEDIATOR', 'COUNSEL', 'PARTY', 'PROGRAM_ADMIN'];
  const lines = [
    `| tier | Case fields | ${roles.join(' | ')} |`,
    `| --- | --- | ${roles.map(() => '---').join(' | ')} |`,
    ...TIERS.map((tier) => {
      const fields = Object.entries(CASE_FIELD_TIERS)
        .filter(([, t]) => t === tier)
        .map(([field]) => `\`${field}\``)
        .join(', ');
      return `| ${tier} | ${fields} | ${roles.map((role) => TIER_READERS[tier][role]).join(' | ')} |`;
    }),
  ];
  return lines.join('\n');
}
