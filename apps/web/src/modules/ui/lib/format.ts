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
