import type { EntityManager } from 'typeorm';

export interface ConflictFinding {
  kind: 'PERSON' | 'SIDE';
  sentence: string;
}

interface Hit {
  kind: 'PERSON' | 'SIDE';
  opened: Date;
  roles: string[];
  name: string | null;
  label: string | null;
}

/**
 * The conflict inquiry (UMA §9(a)): the candidate's other cases, past and current, in any
 * role, compared with this case by
 *  - people: someone on a side of this case (counsel or party) who was also a participant of
 *    the other case. Program administrators and fellow mediators are the programme's own
 *    staff, not disputants: counting them would flag nearly every case of the programme
 *    (the administrator who refers the case is on all of them) and hide the real hits;
 *  - organisations: a side of this case whose label equals (trimmed, case-insensitive) a
 *    side label of the other case.
 *
 * What a finding may say. The other case's caption, docket number, id and content belong
 * to that case's participants (its caption names its sides and is confidential to them), and
 * the people of this case are not on it. So a finding says only what the disclosure itself
 * must: who (a person of this case, or a side label of this case, both already known here),
 * the candidate's role there, and when the other case was opened (month and year for a
 * person, year for a side). Nothing of the other case is stored either: `findings` holds
 * these sentences only.
 */
export async function conflictInquiry(tx: EntityManager, caseId: string, candidate: { id: string; name: string }): Promise<ConflictFinding[]> {
  const hits: Hit[] = await tx.query(
    `WITH theirs AS (
       SELECT oc.id, oc.created_at, array_agg(DISTINCT p.role ORDER BY p.role) AS roles
         FROM participants p JOIN cases oc ON oc.id = p.case_id
        WHERE p.user_id = $2 AND oc.id <> $1
        GROUP BY oc.id, oc.created_at
     ),
     people AS (
       SELECT DISTINCT user_id FROM participants WHERE case_id = $1 AND role IN ('COUNSEL','PARTY') AND user_id <> $2
     )
     SELECT 'PERSON' AS kind, t.created_at AS opened, t.roles, u.display_name AS name, NULL::text AS label
       FROM theirs t
       JOIN people h ON EXISTS (SELECT 1 FROM participants there WHERE there.case_id = t.id AND there.user_id = h.user_id)
       JOIN users u ON u.id = h.user_id
     UNION ALL
     SELECT 'SIDE', t.created_at, t.roles, NULL, s.label
       FROM theirs t JOIN sides s ON s.case_id = $1
      WHERE EXISTS (SELECT 1 FROM sides os WHERE os.case_id = t.id AND lower(btrim(os.label)) = lower(btrim(s.label)))
      ORDER BY 1, 2, 4, 5`,
    [caseId, candidate.id],
  );
  return hits.map((hit) => {
    const opened = new Date(hit.opened);
    if (hit.kind === 'PERSON') {
      const month = opened.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
      return { kind: 'PERSON', sentence: `${candidate.name} and ${hit.name} were both on a case opened ${month} (${candidate.name} ${roleWords(hit.roles)} it).` };
    }
    return {
      kind: 'SIDE',
      sentence: `Side “${hit.label!.trim()}” was also a side in a case ${candidate.name} ${roleWords(hit.roles)} (${opened.getUTCFullYear()}).`,
    };
  });
}

const ROLE_WORDS: Record<string, string> = {
  MEDIATOR: 'mediated',
  COUNSEL: 'was counsel in',
  PARTY: 'was a party to',
  PROGRAM_ADMIN: 'administered',
};

const roleWords = (roles: string[]) => roles.map((r) => ROLE_WORDS[r] ?? 'took part in').join(' and ');
