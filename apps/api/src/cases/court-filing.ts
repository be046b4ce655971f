import type { EntityManager } from 'typeorm';
import type { CaseEvent, Effect, ReportedProcess, ReportResult } from '@impasse/case-machine';

/**
 * The report to the court of one ended session (UMA §7) as a record: made due by the
 * statechart's `MEDIATOR_REPORT_DUE` effect, filed once by the case's mediator, then fixed
 * (table `court_reports`, trigger `court_reports_file_once`).
 *
 * What a report says is computed from the UMA §7 tier alone, by construction: the facts it is
 * made of (`CourtReportFacts`) are the docket facts of the case, the process and the day of the
 * session, whether it was held, whether it settled (as the session's outcome was recorded), and
 * who attended it. Nothing here reads notes, offers, workspaces, stall reasons, issues or terms.
 */

/** Calendar days from the session to the report, in the court's time zone, due at `REPORT_DUE_LOCAL_TIME` (the program's rule). */
export const REPORT_DAYS = 10;
export const REPORT_DUE_LOCAL_TIME = '17:00';
/** The court's time zone when the case has no program. */
export const DEFAULT_TIME_ZONE = 'America/New_York';

export type ReportSettlement = 'FULL' | 'PARTIAL' | 'NONE';

/** The deadline's title, by process. */
export const REPORT_TITLES: Readonly<Record<ReportedProcess, string>> = {
  MEDIATION: "Mediator's report to the court",
  SETTLEMENT_CONFERENCE: "Mediator's report to the court: settlement conference",
  EARLY_NEUTRAL_EVALUATION: "Mediator's report to the court: early neutral evaluation",
};

/** A process in words, for sentences (the timeline, the printed report). */
export const PROCESS_WORDS: Readonly<Record<ReportedProcess, string>> = {
  MEDIATION: 'mediation',
  SETTLEMENT_CONFERENCE: 'settlement conference',
  EARLY_NEUTRAL_EVALUATION: 'early neutral evaluation',
};

/** The process whose sessions a state holds: a settlement conference, an evaluation, else a mediation. */
export function processOfState(resolution: string): ReportedProcess {
  if (resolution === 'adr.settlementConference') return 'SETTLEMENT_CONFERENCE';
  if (resolution === 'adr.earlyNeutralEvaluation') return 'EARLY_NEUTRAL_EVALUATION';
  return 'MEDIATION';
}

/**
 * Whether the session settled, as UMA §7 lets a mediator say it: the outcome recorded for it.
 * A session not held because the sides had settled before it reports a (full) settlement;
 * another session not held, none.
 */
export function settlementOf(result: ReportResult, event: CaseEvent): ReportSettlement {
  switch (result) {
    case 'SETTLED':
      return 'FULL';
    case 'SETTLED_IN_PART':
      return 'PARTIAL';
    case 'NOT_SETTLED':
      return 'NONE';
    case 'NOT_HELD':
      return event.type === 'RECORD_SESSION_NOT_HELD' && event.reason === 'PRIOR_SETTLEMENT' ? 'FULL' : 'NONE';
  }
}

/** The session an outcome was recorded on: the report counts its days from it. */
export interface EndedSession {
  id: string;
  startsAt: Date;
}

/**
 * After the event whose step named `MEDIATOR_REPORT_DUE`, in its transaction (after the
 * compare-and-set, so the case's timeline head is the ending event's row): the
 * `MEDIATOR_REPORT` deadline at 17:00 on the court's clock on the 10th calendar day after the
 * session's local date (the day of recording when no session was on the calendar), computed in
 * SQL with `AT TIME ZONE` so daylight-saving changes fall right, owned by the mediator; and the
 * due report that the deadline is for.
 */
export async function makeReportDue(tx: EntityManager, caseId: string, event: CaseEvent, effects: readonly Effect[], session: EndedSession | null): Promise<void> {
  for (const effect of effects) {
    if (effect.type !== 'MEDIATOR_REPORT_DUE') continue;
    const { result, process } = effect.params as { result: ReportResult; process: ReportedProcess };
    await tx.query(
      `WITH zone AS (
         SELECT COALESCE((SELECT p.time_zone FROM cases c JOIN programs p ON p.id = c.program_id WHERE c.id = $1), $5) AS tz
       ), day AS (
         SELECT (COALESCE($2::timestamptz, now()) AT TIME ZONE zone.tz)::date AS session_on, zone.tz FROM zone
       ), deadline AS (
         INSERT INTO deadlines (case_id, kind, title, due_at, source, owner_participant_id)
         SELECT $1, 'MEDIATOR_REPORT', $6, (((day.session_on + $3::int) + $4::time) AT TIME ZONE day.tz), 'RULE',
                (SELECT p.id FROM participants p WHERE p.case_id = $1 AND p.role = 'MEDIATOR' ORDER BY p.id LIMIT 1)
           FROM day
         RETURNING id, due_at
       )
       INSERT INTO court_reports (case_id, process, session_id, ended_seq, session_on, occurred, settlement, deadline_id, due_at)
       SELECT $1, $7, $8, (SELECT timeline_head_seq FROM cases WHERE id = $1), day.session_on, $9, $10, deadline.id, deadline.due_at
         FROM day, deadline`,
      [
        caseId,
        session?.startsAt ?? null,
        REPORT_DAYS,
        REPORT_DUE_LOCAL_TIME,
        DEFAULT_TIME_ZONE,
        REPORT_TITLES[process],
        process,
        session?.id ?? null,
        result !== 'NOT_HELD',
        settlementOf(result, event),
      ],
    );
  }
}

/** Who attended the reported session (UMA §7 "attendance"): never their authority, nor anything said. */
export interface ReportAttendance {
  name: string;
  role: string;
  attended: boolean;
}

/** Everything a report is made of: the UMA §7 tier of one ended session, and the case's docket facts. */
export interface CourtReportFacts {
  caption: string;
  docketNumber: string | null;
  programName: string | null;
  process: ReportedProcess;
  /** The session's day in the court's time zone. */
  sessionOn: string;
  occurred: boolean;
  settlement: ReportSettlement;
  attendance: readonly ReportAttendance[];
  /** The mediator who reports (who files it, once filed). */
  mediatorName: string | null;
}

/** What a report says, as filed: the same facts, in a fixed order, plus that the session ended. */
export interface CourtReportContent extends CourtReportFacts {
  /** Always true: a report is due only once its session ended (occurred, or terminated without being held). */
  terminated: true;
}

const ROLE_ORDER = ['MEDIATOR', 'COUNSEL', 'PARTY', 'PROGRAM_ADMIN'];

/**
 * The content of a report from its facts, and from nothing else: a function of the UMA §7 tier
 * (the type admits nothing more). Attendance in a fixed order (by role, then name), so equal
 * facts give equal content whatever order they were read in.
 */
export function courtReportContent(facts: CourtReportFacts): CourtReportContent {
  const attendance = [...facts.attendance]
    .map((a) => ({ name: a.name, role: a.role, attended: a.attended }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || (a.name < b.name ? -1 : a.name > b.name ? 1 : Number(b.attended) - Number(a.attended)));
  return {
    caption: facts.caption,
    docketNumber: facts.docketNumber,
    programName: facts.programName,
    process: facts.process,
    sessionOn: facts.sessionOn,
    occurred: facts.occurred,
    terminated: true,
    settlement: facts.settlement,
    attendance,
    mediatorName: facts.mediatorName,
  };
}

/** One row of `court_reports` with the facts it would be filed with now. */
export interface CourtReportRow {
  id: string;
  caseId: string;
  /** The `MEDIATOR_REPORT` deadline the report answers. */
  deadlineId: string;
  process: ReportedProcess;
  sessionOn: string;
  dueAt: Date;
  status: 'DUE' | 'FILED';
  filedAt: Date | null;
  /** The filing's day in the court's time zone. */
  filedOn: string | null;
  filedByName: string | null;
  /** The content filed (FILED only). */
  content: CourtReportContent | null;
  /** The facts as they are now (what a due report would say if filed now). */
  facts: CourtReportFacts;
  /** The court's time zone. */
  timeZone: string;
}

/**
 * The reports of some cases (`$1`, an array of case ids) or one report (`$2`, with `$1` its
 * case), each with its facts read now: the docket facts, the program, the mediator, and the
 * attendance of the reported session. Only those tables: no notes, offers, issues or terms.
 */
export const COURT_REPORT_ROWS_SQL = (where: 'cases' | 'one') => `
  SELECT r.id, r.case_id AS "caseId", r.deadline_id AS "deadlineId", r.process, to_char(r.session_on, 'YYYY-MM-DD') AS "sessionOn", r.due_at AS "dueAt",
         r.status, r.filed_at AS "filedAt", fu.display_name AS "filedByName", r.content,
         to_char(r.filed_at AT TIME ZONE COALESCE(p.time_zone, '${DEFAULT_TIME_ZONE}'), 'YYYY-MM-DD') AS "filedOn",
         COALESCE(p.time_zone, '${DEFAULT_TIME_ZONE}') AS "timeZone",
         jsonb_build_object(
           'caption', c.caption,
           'docketNumber', c.docket_number,
           'programName', p.name,
           'process', r.process,
           'sessionOn', to_char(r.session_on, 'YYYY-MM-DD'),
           'occurred', r.occurred,
           'settlement', r.settlement,
           'mediatorName', (SELECT u.display_name FROM participants m JOIN users u ON u.id = m.user_id
                             WHERE m.case_id = r.case_id AND m.role = 'MEDIATOR' ORDER BY m.id LIMIT 1),
           'attendance', COALESCE((SELECT jsonb_agg(jsonb_build_object('name', u.display_name, 'role', pa.role, 'attended', a.attended)
                                                    ORDER BY pa.role, u.display_name)
                                     FROM session_attendance a
                                     JOIN participants pa ON pa.id = a.participant_id
                                     JOIN users u ON u.id = pa.user_id
                                    WHERE a.session_id = r.session_id), '[]'::jsonb)
         ) AS facts
    FROM court_reports r
    JOIN cases c ON c.id = r.case_id
    LEFT JOIN programs p ON p.id = c.program_id
    LEFT JOIN users fu ON fu.id = r.filed_by
   WHERE ${where === 'cases' ? 'r.case_id = ANY($1)' : 'r.case_id = $1 AND r.id = $2'}
   ORDER BY r.case_id, r.created_at, r.id`;

/** What a report says: as filed, or, while due, what it would say if filed now. */
export function contentOf(row: CourtReportRow): CourtReportContent {
  return row.status === 'FILED' && row.content ? row.content : courtReportContent(row.facts);
}
