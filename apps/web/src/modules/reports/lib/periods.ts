/** Report periods: calendar days written YYYY-MM-DD, both ends included. */
export interface Period {
  from: string;
  to: string;
}

const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date)).toISOString().slice(0, 10);

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(zone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The periods a clerk reports most: this year so far, the last full quarter, last year. */
export function presets(today: string): { key: string; label: string; period: Period }[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const quarter = Math.floor((month - 1) / 3); // 0-based, this one
  const lastQuarterYear = quarter === 0 ? year - 1 : year;
  const lastQuarter = quarter === 0 ? 3 : quarter - 1;
  return [
    { key: 'year', label: 'This year so far', period: { from: day(year, 0, 1), to: today } },
    {
      key: 'quarter',
      label: `Q${lastQuarter + 1} ${lastQuarterYear}`,
      period: { from: day(lastQuarterYear, lastQuarter * 3, 1), to: day(lastQuarterYear, lastQuarter * 3 + 3, 0) },
    },
    { key: 'last-year', label: String(year - 1), period: { from: day(year - 1, 0, 1), to: day(year - 1, 11, 31) } },
  ];
}

/** A file name for a report's CSV: the program, the form and the period, safe on every system. */
export function csvFileName(programName: string, period: Period): string {
  const slug = programName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'program';
  return `${slug}-caseload-${period.from}-to-${period.to}.csv`;
}
