/**
 * When a deadline reminds whom of what. Pure: no clock, no database.
 *
 * Every open deadline reminds 7 days and 1 day before it is due; a NEXT_TOUCHPOINT also
 * reminds once it is overdue (the owner of the next outreach must act). Only the most urgent
 * lead whose time has come is sent: a deadline created 20 hours before it is due gets the
 * 1-day reminder, not a late "due in 7 days" as well.
 */
export type Lead = 'P7D' | 'P1D' | 'DUE';
export type InboxKind = 'DEADLINE_IN_7_DAYS' | 'DEADLINE_IN_1_DAY' | 'TOUCHPOINT_OVERDUE';

const DAY = 24 * 60 * 60 * 1000;

export const LEADS: readonly { lead: Lead; beforeMs: number; inboxKind: InboxKind; kinds: readonly string[] | 'all' }[] = [
  { lead: 'DUE', beforeMs: 0, inboxKind: 'TOUCHPOINT_OVERDUE', kinds: ['NEXT_TOUCHPOINT'] },
  { lead: 'P1D', beforeMs: DAY, inboxKind: 'DEADLINE_IN_1_DAY', kinds: 'all' },
  { lead: 'P7D', beforeMs: 7 * DAY, inboxKind: 'DEADLINE_IN_7_DAYS', kinds: 'all' },
];

/** How far ahead the scanner looks: the largest lead. */
export const LARGEST_LEAD_MS = Math.max(...LEADS.map((l) => l.beforeMs));

/** An overdue touchpoint older than this is not announced any more (a fresh install, an old backlog). */
export const OVERDUE_WINDOW_MS = 30 * DAY;

/** Deadline kinds a court hears about; a program administrator hears of these only. */
export const COURT_KINDS: readonly string[] = ['COURT_DATE', 'FILING_DEADLINE', 'MEDIATOR_REPORT'];

/** The lead to send now for a deadline of `kind` due at `dueAt`, or null when none is due. */
export function leadDueNow(kind: string, dueAt: Date, now: Date): Lead | null {
  const due = dueAt.getTime();
  const t = now.getTime();
  if (t >= due) {
    const overdue = LEADS.find((l) => l.lead === 'DUE')!;
    return overdue.kinds !== 'all' && overdue.kinds.includes(kind) && t - due <= OVERDUE_WINDOW_MS ? 'DUE' : null;
  }
  // Before the due time: the smallest lead whose moment has passed.
  for (const l of LEADS) {
    if (l.lead === 'DUE') continue;
    if (l.kinds !== 'all' && !l.kinds.includes(kind)) continue;
    if (t >= due - l.beforeMs) return l.lead;
  }
  return null;
}

export function inboxKindOf(lead: Lead): InboxKind {
  return LEADS.find((l) => l.lead === lead)!.inboxKind;
}

/** The idempotency key of one reminder: deadline, lead and the due time it was computed for. */
export function reminderKey(deadlineId: string, lead: Lead, dueAt: Date): string {
  return `${deadlineId}:${lead}:${dueAt.toISOString()}`;
}
