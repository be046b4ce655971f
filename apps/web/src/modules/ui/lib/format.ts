import { sentenceCase } from './humanise';

/** An enum value of the api as a person reads it: `PERSONAL_INJURY` → "Personal injury". */
export function enumLabel(value: string): string {
  return sentenceCase(value);
}

/** Dispute types as a person reads them. */
export const disputeTypeLabel = enumLabel;

/** Case and side roles as a person reads them: `PROGRAM_ADMIN` → "Program admin". */
export const roleLabel = enumLabel;

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });

/** A moment in the user's own time zone, with the zone shown: "Nov 25, 2026, 3:04 PM CET". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** A calendar date in the user's own time zone: "Nov 25, 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shortDate.format(date);
}

/** A calendar date as the api sends it ("2026-11-25"), shown as that day wherever the viewer is: "Nov 25, 2026". */
export function formatLocalDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? shortDate.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : day;
}

/** The viewer's time zone as the browser names it, e.g. "Europe/Berlin". */
export function timeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

const DAY = 24 * 60 * 60 * 1000;
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** How far a moment is in calendar days from `now`, in words: "today", "tomorrow", "in 3 days", "2 days ago". */
export function formatRelativeDays(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const days = Math.round((startOfDay(date) - startOfDay(now)) / DAY);
  return relative.format(days, 'day');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO moment as the value of an `<input type="datetime-local">`, in the viewer's zone. */
export function toLocalInputValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of an `<input type="datetime-local">` (the viewer's zone) as an ISO moment, or null. */
export function fromLocalInputValue(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Why a case needs attention, as a person reads it. */
const ATTENTION_LABELS: Readonly<Record<string, string>> = {
  OVERDUE_TOUCHPOINT: 'Touchpoint overdue',
  DEADLINE_WITHIN_7_DAYS: 'Deadline within 7 days',
  IMPASSE_WITHOUT_OWNER: 'Impasse with no owner',
  DEBRIEF_OVERDUE: 'Debrief past 48 hours',
};

export function attentionLabel(reason: string): string {
  return ATTENTION_LABELS[reason] ?? enumLabel(reason);
}

/** A count with its noun: "1 case", "3 cases". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${new Intl.NumberFormat().format(count)} ${count === 1 ? one : many}`;
}
