/**
 * The statements that read cases, in one place: the pipeline page, one case, the facts the
 * pipeline shows (next deadline, "needs attention") and what a transition reads. Every
 * one returns the same core columns, so that CasesService turns any of them into a CaseRow.
 * `$1` is always the viewer's user id and `$2` their organisation.
 */

/**
 * Why a case needs attention now, each as a condition on `c` (cases) alone. The soonest open
 * deadline is `c.next_deadline_at`, kept by the deadlines triggers (migration NextDeadline).
 */
export const ATTENTION = {
  // An overdue open touchpoint makes the soonest open deadline overdue too: the probe of
  // `deadlines` runs only then (a scalar subquery with LIMIT: an EXISTS here may be planned as
  // a hash of every open deadline).
  OVERDUE_TOUCHPOINT: `((c.next_deadline_at < now() AND COALESCE((SELECT true FROM deadlines d
        WHERE d.case_id = c.id AND d.done_at IS NULL AND d.due_at < now() AND d.kind = 'NEXT_TOUCHPOINT' LIMIT 1), false))
      OR (c.snapshot #>> '{context,assessment,outreach,touchpointDate}')::date < current_date)`,
  // Some open deadline is due within 7 days (or overdue) exactly when the soonest one is.
  DEADLINE_WITHIN_7_DAYS: `COALESCE(c.next_deadline_at <= now() + interval '7 days', false)`,
  IMPASSE_WITHOUT_OWNER: `(c.resolution_state = 'impasse'
      AND jsonb_typeof(c.snapshot #> '{context,assessment,outreach}') IS DISTINCT FROM 'object')`,
  // The latest debrief is still open 48 hours after its session.
  DEBRIEF_OVERDUE: `COALESCE((SELECT db.completed_at IS NULL AND db.due_at < now() FROM debriefs db
      WHERE db.case_id = c.id ORDER BY db.opened_at DESC, db.id LIMIT 1), false)`,
} as const;

export type AttentionReason = keyof typeof ATTENTION;

export const ANY_ATTENTION = `(${Object.values(ATTENTION).join(' OR ')})`;

const ATTENTION_REASONS = `array_remove(ARRAY[${Object.entries(ATTENTION)
  .map(([reason, condition]) => `CASE WHEN ${condition} THEN '${reason}' END`)
  .join(', ')}], NULL) AS "needsAttention"`;

/** The viewer's roles on `c`, null when they have none. */
const VIEWER_ROLES = `SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('role', p.role, 'sideId', p.side_id, 'participantId', p.id)))
        FROM participants p WHERE p.case_id = c.id AND p.user_id = $1`;

/**
 * The party participants of `c` as `[side id, participant id]` pairs: the people who must sign
 * a written agreement, given to the statechart each time a case is opened. A flat list (no
 * GROUP BY, no object aggregate): one index probe, a fraction of the transition's read.
 */
const SIDE_PARTIES = `(SELECT jsonb_agg(jsonb_build_array(p.side_id, p.id))
           FROM participants p WHERE p.case_id = c.id AND p.role = 'PARTY') AS parties`;

/** The stored columns of a case, as CaseRow names them. */
const CASE_COLUMNS = `c.id, c.organisation_id AS "organisationId", c.caption, c.docket_number AS "docketNumber",
         c.dispute_type AS "disputeType", c.court_ordered AS "courtOrdered", c.program_id AS "programId",
         c.referral_source AS "referralSource", to_char(c.referral_date, 'YYYY-MM-DD') AS "referralDate",
         c.machine_version AS "machineVersion", c.snapshot, c.resolution_state AS "resolutionState",
         c.litigation_state AS "litigationState", c.version, c.updated_at AS "updatedAt", ${SIDE_PARTIES}`;

/** One case by id (`$3`) with its facts: a plan far cheaper than the page query's. */
export const ONE_CASE_SQL = `
  SELECT ${CASE_COLUMNS}, r.roles, c.next_deadline_at AS "nextDeadlineAt", ${ATTENTION_REASONS}
    FROM cases c
    CROSS JOIN LATERAL (${VIEWER_ROLES}) r(roles)
   WHERE c.id = $3 AND c.organisation_id = $2 AND r.roles IS NOT NULL`;

/**
 * One case by id (`$2`) with the roles of a user (`$1`, none when they are not on it), its
 * row locked FOR UPDATE: what an edit reads once it holds the lock (`cases/case-edit.ts`).
 */
export const LOCKED_CASE_SQL = `
  SELECT ${CASE_COLUMNS}, COALESCE(r.roles, '[]'::jsonb) AS roles, NULL AS facts
    FROM cases c
    CROSS JOIN LATERAL (${VIEWER_ROLES}) r(roles)
   WHERE c.id = $2
     FOR UPDATE OF c`;

/**
 * What a transition needs and no more: the case (`$3`), the viewer's roles and the tip of its
 * timeline, which the compare-and-set statement links the new row to.
 */
export const TRANSITION_READ_SQL = `
  SELECT ${CASE_COLUMNS}, r.roles, tip.seq AS "tipSeq", tip.hash AS "tipHash"
    FROM cases c
    CROSS JOIN LATERAL (${VIEWER_ROLES}) r(roles)
    LEFT JOIN LATERAL (SELECT e.seq, e.hash FROM case_events e WHERE e.case_id = c.id ORDER BY e.seq DESC LIMIT 1) tip ON true
   WHERE c.id = $3 AND c.organisation_id = $2 AND r.roles IS NOT NULL`;

/** The facts of cases by id (`$1`), for a row read without them (after a transition). */
export const CASE_FACTS_SQL = `
  SELECT c.id AS "caseId", c.next_deadline_at AS "nextDeadlineAt", ${ATTENTION_REASONS}
    FROM cases c
   WHERE c.id = ANY($1)`;

/**
 * The pipeline's sort key of a case on which the viewer holds a role other than program
 * administrator: its next open deadline, 'infinity' without one. `cases_pipeline_idx` is
 * (organisation_id, this, id), so the order and the keyset cursor are an index range.
 */
export const SORT_KEY = `COALESCE(c.next_deadline_at, 'infinity'::timestamptz)`;

/** Where the page starts: after the row whose sort key (`'infinity'` or a time) and id the cursor carries. */
export interface PageCursor {
  /** The `$n` of the cursor's sort key and of its id. */
  keyParam: string;
  idParam: string;
  /** The key is 'infinity': only cases without a readable deadline can follow. */
  infinite: boolean;
}

export interface PageQuery {
  /** Conditions on `c` every listed case must meet (the filters). */
  where: string[];
  /** The "needs attention" filter, if any. */
  needsAttention?: boolean;
  cursor?: PageCursor | null;
  /** The `$n` of the page's size (one more than shown, to tell whether another page follows). */
  limit: string;
}

/**
 * The viewer's cases with everything the pipeline shows, in one statement, soonest next deadline
 * first, then by id. Deadlines are case-shared: on a case the viewer holds only as program
 * administrator the key is 'infinity', as for a case without deadlines, so the order tells them
 * nothing about deadlines; their "needs attention" is always empty (the filter lists none of
 * them under true, all under false). The page is the merge of two ordered ranges, each read only
 * as far as the page needs:
 *  - the cases the viewer holds another role on, by (next deadline, id): `cases_pipeline_idx`,
 *    each row one probe of `participants_other_roles_idx` (or, for a viewer who holds few of
 *    the organisation's cases that way, those cases read from that index and sorted);
 *  - the cases they hold as program administrator, by id: `participants_program_admin_idx`.
 * (The statistics `participants_user_role` tell PostgreSQL which of the two ways is cheaper.)
 * The outer query adds roles, the next deadline and the attention reasons for the page's rows.
 */
export function casesSql({ where, needsAttention, cursor, limit }: PageQuery): string {
  const filters = (extra: string[]) => [...where, ...extra].map((w) => `\n        AND ${w}`).join('');
  const attention = needsAttention === true ? [ANY_ATTENTION] : needsAttention === false ? [`NOT ${ANY_ATTENTION}`] : [];
  const afterKey = cursor ? [`(${SORT_KEY}, c.id) > (${cursor.keyParam}::timestamptz, ${cursor.idParam}::uuid)`] : [];
  // Every program administrator's row sorts at 'infinity': after a finite key they all follow.
  const afterId = cursor?.infinite ? [`p.case_id > ${cursor.idParam}::uuid`] : [];
  const administered =
    needsAttention === true
      ? ''
      : `
    UNION ALL
    (SELECT c.id, 'infinity'::timestamptz AS sort_key
       FROM participants p JOIN cases c ON c.id = p.case_id
      WHERE p.user_id = $1 AND p.role = 'PROGRAM_ADMIN' AND c.organisation_id = $2${filters(afterId)}
      ORDER BY p.case_id
      LIMIT ${limit})`;
  const held = `SELECT c.id, ${SORT_KEY} AS sort_key
       FROM cases c
      WHERE c.organisation_id = $2
        AND EXISTS (SELECT FROM participants p WHERE p.case_id = c.id AND p.user_id = $1 AND p.role <> 'PROGRAM_ADMIN')${filters([...attention, ...afterKey])}
      ORDER BY ${SORT_KEY}, c.id
      LIMIT ${limit}`;
  return `
  WITH page AS (${
    administered
      ? `
    (${held})${administered}
    ORDER BY sort_key, id
    LIMIT ${limit}`
      : `
    ${held}`
  }
  )
  SELECT ${CASE_COLUMNS}, (${VIEWER_ROLES}) AS roles,
         c.next_deadline_at AS "nextDeadlineAt", pg.sort_key, ${ATTENTION_REASONS}
    FROM page pg JOIN cases c ON c.id = pg.id
   ORDER BY pg.sort_key, c.id`;
}
