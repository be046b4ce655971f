/** A person's role in one case. Roles come from participation in that case. */
export const CASE_ROLES = ['MEDIATOR', 'COUNSEL', 'PARTY', 'PROGRAM_ADMIN'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export interface CaseRoleGrant {
  role: CaseRole;
  /** The side the role acts for; set for COUNSEL and PARTY only. */
  sideId?: string;
  /** The grant's participant (the person on the case): what `self` policies compare. */
  participantId?: string;
}

/** Who is asking, as far as one case is concerned. */
export interface CaseViewer {
  roles: readonly CaseRoleGrant[];
}
