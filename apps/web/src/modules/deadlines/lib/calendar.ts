/**
 * Month calendar arithmetic for deadlines, in a named time zone. A deadline falls on the
 * calendar day its due moment has in the viewer's zone (a 23:30 New York deadline is the
 * next day in Berlin); the grid itself is plain date arithmetic, independent of any zone.
 */

/** `YYYY-MM-DD` of a calendar day. */
export type DayKey = string;

export interface MonthRef {
  year: number;
  /** 1–12 */
  month: number;
}

export interface GridDay {
  key: DayKey;
  day: number;
  /** False for the leading and trailing days of the neighbouring months. */
  inMonth: boolean;
}

const keyFormats = new Map<string, Intl.DateTimeFormat>();

function keyFormat(timeZone: string): Intl.DateTimeFormat {
  let format = keyFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    keyFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar day of a moment in `timeZone`, e.g. `2026-03-10`; null for a bad date. */
export function dayKey(iso: string | Date, timeZone: string): DayKey | null {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return null;
  const parts = keyFormat(timeZone).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function monthOfKey(key: DayKey): MonthRef {
  const [year = '1970', month = '1'] = key.split('-');
  return { year: Number(year), month: Number(month) };
}

export function addMonths({ year, month }: MonthRef, delta: number): MonthRef {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function monthKey({ year, month }: MonthRef): string {
  return `${year}-${pad(month)}`;
}

/** The weeks of a month, Sunday first, padded with the neighbouring months' days. */
export function monthGrid({ year, month }: MonthRef): GridDay[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const start = new Date(first);
  start.setUTCDate(1 - first.getUTCDay());
  const weeks: GridDay[][] = [];
  const cursor = new Date(start);
  do {
    const week: GridDay[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({
        key: `${cursor.getUTCFullYear()}-${pad(cursor.getUTCMonth() + 1)}-${pad(cursor.getUTCDate())}`,
        day: cursor.getUTCDate(),
        inMonth: cursor.getUTCMonth() === month - 1,
      });
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getUTCMonth() === month - 1);
  return weeks;
}

/** Items by the calendar day of their `dueAt` in `timeZone`, each day's items soonest first. */
export function byDay<T extends { dueAt: string }>(items: readonly T[], timeZone: string): Map<DayKey, T[]> {
  const days = new Map<DayKey, T[]>();
  for (const item of [...items].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))) {
    const key = dayKey(item.dueAt, timeZone);
    if (!key) continue;
    const list = days.get(key);
    if (list) list.push(item);
    else days.set(key, [item]);
  }
  return days;
}

/** "March 2026" */
export function monthTitle({ year, month }: MonthRef, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** "Tuesday, March 10, 2026" for a day key. */
export function dayTitle(key: DayKey, locale?: string): string {
  const { year, month } = monthOfKey(key);
  const day = Number(key.slice(8, 10));
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** Short weekday names, Sunday first: ["Sun", "Mon", …], with their long forms. */
export function weekdays(locale?: string): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2026-03-01 is a Sunday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = new Date(Date.UTC(2026, 2, 1 + i));
    return { short: short.format(date), long: long.format(date) };
  });
}

/** A moment in `timeZone`, with the zone shown: "Mar 10, 2026, 5:00 PM EDT". */
export function formatInZone(iso: string, timeZone: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}
