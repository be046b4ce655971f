import type { DataSource } from 'typeorm';
import { mailLinks } from './links.js';
import { CASE_NAME_COLUMNS, CASE_NAME_JOIN, caseNameOf, writeMail, type MailSettings } from './outbox.js';
import type { MailKind } from './templates.js';

/**
 * Mails about what happened on a case, read from the case as it is stored (its statechart
 * snapshot), never from who asked for the change: an agreement ready to sign (its text recorded
 * and every covered issue with terms), an agreement binding. Each rule names an event by a key
 * (the agreement, and for readiness the digest of the text, so a changed text is a new event)
 * and who hears of it; the mail room writes one mail per key and recipient, however often the
 * case is looked at, so scanning a case again is harmless.
 *
 * The scan runs in the mail sweep (every minute, and at start), over the cases changed since
 * the previous scan ended (`mail_case_scan`, less CASE_MAIL_WINDOW_MINUTES of overlap), so
 * every path that changes a case (transitions, edits through the envelope, several instances)
 * is covered without a line in them, nothing is missed however long no instance ran, and a
 * mail is at most a minute late.
 *
 * A mediator's proposal (issued with its deadline, closed as "accepted" / "not accepted" only)
 * is the next rule here: add its kinds to templates.ts and a rule below that reads the
 * proposal's state from the context; its answers are sealed and must never be a parameter.
 */
/** How far before the previous scan's end a scan starts: changes that committed late are seen too. */
export const CASE_MAIL_WINDOW_MINUTES = 15;

interface StoredAgreement {
  id: string;
  status: string;
  text: { digest: string; complete: boolean } | null;
}

interface CaseEvent {
  kind: Extract<MailKind, 'AGREEMENT_READY' | 'AGREEMENT_BINDING'>;
  key: string;
  /** Case roles that hear of it (counsel and parties of sides that did not withdraw). */
  roles: ('MEDIATOR' | 'COUNSEL' | 'PARTY')[];
}

type Rule = (agreement: StoredAgreement) => CaseEvent | null;

const RULES: Rule[] = [
  (a) => (a.status === 'DRAFT' && a.text?.complete ? { kind: 'AGREEMENT_READY', key: `agreement-ready:${a.id}:${a.text.digest}`, roles: ['COUNSEL', 'PARTY'] } : null),
  (a) => (a.status === 'BINDING' ? { kind: 'AGREEMENT_BINDING', key: `agreement-binding:${a.id}`, roles: ['MEDIATOR', 'COUNSEL', 'PARTY'] } : null),
];

/** Writes the mails of every rule for the cases changed since `since`. Returns the new mails. */
export async function writeCaseMails(db: DataSource, settings: MailSettings, since: Date): Promise<string[]> {
  const cases: {
    id: string;
    organisationId: string;
    agreements: StoredAgreement[] | null;
    /** Sides still in the case (active, or settled by this very agreement); not withdrawn ones. */
    activeSides: string[];
    caption: string;
    docketNumber: string | null;
    byDocket: boolean | null;
    timeZone: string | null;
  }[] = await db.query(
    `SELECT c.id, c.organisation_id AS "organisationId", c.snapshot->'context'->'agreements' AS agreements,
            ARRAY(SELECT s->>'id' FROM jsonb_array_elements(COALESCE(c.snapshot->'context'->'sides', '[]'::jsonb)) s WHERE s->>'status' <> 'WITHDRAWN') AS "activeSides",
            ${CASE_NAME_COLUMNS}
       FROM cases c ${CASE_NAME_JOIN}
      WHERE c.updated_at >= $1 AND jsonb_array_length(COALESCE(c.snapshot->'context'->'agreements', '[]'::jsonb)) > 0
      ORDER BY c.updated_at`,
    [since],
  );
  const links = mailLinks(settings.baseUrl());
  const written: string[] = [];
  for (const c of cases) {
    for (const agreement of c.agreements ?? []) {
      for (const rule of RULES) {
        const event = rule(agreement);
        if (!event) continue;
        const people: { id: string; email: string; displayName: string }[] = await db.query(
          `SELECT DISTINCT u.id, u.email, u.display_name AS "displayName"
             FROM participants p JOIN users u ON u.id = p.user_id LEFT JOIN mail_preferences mp ON mp.user_id = u.id
            WHERE p.case_id = $1 AND p.role = ANY($2) AND (p.side_id IS NULL OR p.side_id::text = ANY($3))
              AND COALESCE(mp.agreements, true)
            ORDER BY u.id`,
          [c.id, event.roles, c.activeSides],
        );
        for (const person of people) {
          const id = await db.transaction((tx) =>
            writeMail(tx, settings, {
              kind: event.kind,
              key: `${event.key}:${person.id}`,
              to: person.email,
              userId: person.id,
              organisationId: c.organisationId,
              caseId: c.id,
              params: { name: person.displayName, caseName: caseNameOf(c), caseUrl: links.case(c.id), timeZone: c.timeZone ?? 'UTC' },
            }),
          );
          if (id) written.push(id);
        }
      }
    }
  }
  return written;
}
