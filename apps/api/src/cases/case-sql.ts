/**
 * The statements that read cases, in one place: the pipeline page, one case, the facts the
 * pipeline computes (next deadline, "needs attention") and what a transition reads. Every
 * one returns the same core columns, so that CasesService turns any of them into a CaseRow.
 * `$1` is always the viewer's user id and `$2` their organisation.
 */

/** Why a case needs attention now, each as a condition on `c` (cases) and `od` (open deadlines). */
export const ATTENTION = {
  OVERDUE_TOUCHPOINT: `(COALESCE(od.touchpoint_overdue, false)
      OR (c.snapshot #>> '{context,assessment,outreach,touchpointDate}')::date < current_date)`,
  DEADLINE_WITHIN_7_DAYS: `COALESCE(od.deadline_soon, false)`,
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

/** The rows of `c`'s open deadlines, as `d`. */
const OPEN_DEADLINE_ROWS = `FROM deadlines d WHERE d.case_id = c.id AND d.done_at IS NULL`;

/** The open deadlines of `c`: the soonest, and whether one is near or a touchpoint overdue. */
const OPEN_DEADLINES = `
      SELECT min(d.due_at) AS next_deadline_at,
             bool_or(d.due_at <= now() + interval '7 days') AS deadline_soon,
             bool_or(d.kind = 'NEXT_TOUCHPOINT' AND d.due_at < now()) AS touchpoint_overdue
        ${OPEN_DEADLINE_ROWS}`;

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
  SELECT ${CASE_COLUMNS}, r.roles, od.next_deadline_at AS "nextDeadlineAt", ${ATTENTION_REASONS}
    FROM cases c
    CROSS JOIN LATERAL (${VIEWER_ROLES}) r(roles)
    CROSS JOIN LATERAL (${OPEN_DEADLINES}) od
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
  SELECT c.id AS "caseId", od.next_deadline_at AS "nextDeadlineAt", ${ATTENTION_REASONS}
    FROM cases c CROSS JOIN LATERAL (${OPEN_DEADLINES}) od
   WHERE c.id = ANY($1)`;

/** The soonest open deadline of `c` alone: one index probe per case (deadlines_open_idx). */
const NEXT_DEADLINE = `SELECT min(d.due_at) AS next_deadline_at ${OPEN_DEADLINE_ROWS}`;

/**
 * The pipeline's sort key (cases without an open deadline last); the keyset cursor compares it
 * too. Deadlines are case-shared: on a case the viewer holds only as program administrator the
 * key is the same as for a case without any, so the order tells them nothing about deadlines.
 */
export const SORT_KEY = `CASE WHEN EXISTS (SELECT 1 FROM participants sp WHERE sp.case_id = c.id AND sp.user_id = $1 AND sp.role <> 'PROGRAM_ADMIN')
      THEN COALESCE(nd.next_deadline_at, 'infinity'::timestamptz) ELSE 'infinity'::timestamptz END`;

/**
 * The viewer's cases with everything the pipeline shows, in one statement. The inner query
 * picks the page (participation, filters, the next open deadline as the sort key, `nd`) and
 * the outer one adds roles and the "needs attention" reasons for those rows only. Only the
 * sort key is computed for every case; the open deadlines' other facts (`od`) are computed
 * for every case only when a filter reads them (`withAttention`), else for the page's rows.
 * `where` and `limit` refer to further params.
 */
export function casesSql(where: string[], limit: string, withAttention = false): string {
  return `
  WITH page AS (
    SELECT c.id, ${SORT_KEY} AS sort_key
      FROM cases c
      LEFT JOIN LATERAL (${NEXT_DEADLINE}) nd ON true${withAttention ? `
      LEFT JOIN LATERAL (${OPEN_DEADLINES}) od ON true` : ''}
     WHERE c.organisation_id = $2
       AND EXISTS (SELECT 1 FROM participants p WHERE p.case_id = c.id AND p.user_id = $1)
       ${where.map((w) => `AND ${w}`).join('\n       ')}
     ORDER BY sort_key, c.id
     LIMIT ${limit}
  )
  SELECT ${CASE_COLUMNS}, (${VIEWER_ROLES}) AS roles,
         od.next_deadline_at AS "nextDeadlineAt", pg.sort_key, ${ATTENTION_REASONS}
    FROM page pg JOIN cases c ON c.id = pg.id
    LEFT JOIN LATERAL (${OPEN_DEADLINES}) od ON true
   ORDER BY pg.sort_key, c.id`;
}
