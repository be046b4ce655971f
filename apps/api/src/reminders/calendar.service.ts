import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { COURT_KINDS } from './leads.js';

const KIND_LABELS: Record<string, string> = {
  COURT_DATE: 'Court date',
  FILING_DEADLINE: 'Filing deadline',
  DISCOVERY_CUTOFF: 'Discovery cut-off',
  EXPERT_DISCLOSURE: 'Expert disclosure',
  MEDIATOR_REPORT: "Mediator's report to the court",
  PROPOSAL_DEADLINE: 'Proposal deadline',
  NEXT_TOUCHPOINT: 'Next touchpoint',
  OTHER: 'Deadline',
};

export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface FeedDeadline {
  id: string;
  kind: string;
  title: string;
  dueAt: Date;
  updatedAt: Date;
  caption: string;
  docketNumber: string | null;
  /** The viewer holds only the program administrator role on this case. */
  adminOnly: boolean;
}

/**
 * A secret, revocable ICS feed per person. The token is shown once; the table keeps its
 * SHA-256 hash, so a leaked database does not leak working addresses.
 *
 * The feed lists the open deadlines of the cases the person participates in, with the case
 * caption, the deadline's kind and, for participants who read the case-shared tier, its
 * title. A program administrator sees only court-reportable kinds (court date, filing
 * deadline, mediator's report), named by kind alone. Never notes, never workspace text.
 */
@Injectable()
export class CalendarService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async current(viewer: Viewer): Promise<{ createdAt: Date; lastUsedAt: Date | null } | null> {
    const [row] = await this.db.query(
      `SELECT created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL`,
      [viewer.userId],
    );
    return row ?? null;
  }

  /** A new feed token; the old feed (if any) is revoked in the same transaction. */
  async create(viewer: Viewer): Promise<{ token: string; createdAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    return this.db.transaction(async (m) => {
      // Serialise concurrent creations by the same person on the user row.
      await m.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [viewer.userId]);
      await m.query(`UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [viewer.userId]);
      const [row] = await m.query(
        `INSERT INTO calendar_feeds (user_id, token_hash) VALUES ($1, $2) RETURNING created_at AS "createdAt"`,
        [viewer.userId, hashFeedToken(token)],
      );
      return { token, createdAt: row.createdAt as Date };
    });
  }

  /** Revokes the live feed; true when there was one. */
  async revoke(viewer: Viewer): Promise<boolean> {
    const [, count]: [unknown[], number] = await this.db.query(
      `UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [viewer.userId],
    );
    return count > 0;
  }

  /** The ICS text for a token, or null for an unknown or revoked one. */
  async feed(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const [, count, userId] = await this.db
      .query(
        `UPDATE calendar_feeds SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id AS "userId"`,
        [hashFeedToken(token)],
      )
      .then(([rows, n]: [{ userId: string }[], number]) => [rows, n, rows[0]?.userId] as const);
    if (count === 0 || !userId) return null;
    return renderCalendar(await this.deadlinesFor(userId), new Date());
  }

  private deadlinesFor(userId: string): Promise<FeedDeadline[]> {
    return this.db.query(
      `WITH mine AS (
         SELECT case_id, bool_and(role = 'PROGRAM_ADMIN') AS admin_only
           FROM participants WHERE user_id = $1 GROUP BY case_id
       )
       SELECT d.id, d.kind, d.title, d.due_at AS "dueAt", d.updated_at AS "updatedAt",
              c.caption, c.docket_number AS "docketNumber", mine.admin_only AS "adminOnly"
         FROM mine
         JOIN cases c ON c.id = mine.case_id
         JOIN deadlines d ON d.case_id = mine.case_id AND d.done_at IS NULL
        WHERE NOT mine.admin_only OR d.kind = ANY($2::text[])
        ORDER BY d.due_at, d.id`,
      [userId, COURT_KINDS],
    );
  }
}

/** RFC 5545 text: one VEVENT per deadline, UID stable per deadline, DTSTAMP now. */
export function renderCalendar(deadlines: FeedDeadline[], now: Date): string {
  const calendar = ical({
    name: 'Impasse deadlines',
    prodId: { company: 'Impasse', product: 'deadlines', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 60 * 60,
  });
  for (const d of deadlines) {
    const kind = KIND_LABELS[d.kind] ?? 'Deadline';
    const what = d.adminOnly ? kind : d.title;
    const docket = d.docketNumber ? ` (${d.docketNumber})` : '';
    calendar.createEvent({
      id: `deadline-${d.id}@impasse`,
      stamp: now,
      lastModified: d.updatedAt,
      start: d.dueAt,
      end: new Date(d.dueAt.getTime() + 30 * 60 * 1000),
      summary: `${what} — ${d.caption}`,
      description: `${kind}\nCase: ${d.caption}${docket}`,
      categories: [{ name: d.kind }],
    });
  }
  return calendar.toString();
}
