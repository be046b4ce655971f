import type { ReportSettlement, SessionProcess } from '../../../generated/schema';
import { formatInZone } from '../../deadlines/lib/calendar';
import { formatLocalDate } from '../../ui/lib/format';

export const PROCESS_LABEL: Readonly<Record<SessionProcess, string>> = {
  MEDIATION: 'Mediation',
  SETTLEMENT_CONFERENCE: 'Settlement conference',
  EARLY_NEUTRAL_EVALUATION: 'Early neutral evaluation',
};

export const SETTLEMENT_LABEL: Readonly<Record<ReportSettlement, string>> = {
  FULL: 'Full settlement',
  PARTIAL: 'Partial settlement',
  NONE: 'No settlement',
};

/** "Mediation of Mar 5, 2026": which session a report is about. */
export function reportName(report: { process: SessionProcess; sessionOn: string }): string {
  return `${PROCESS_LABEL[report.process] ?? report.process} of ${formatLocalDate(report.sessionOn)}`;
}

/** The same in a sentence: "the mediation of Mar 5, 2026". */
export function reportPhrase(report: { process: SessionProcess; sessionOn: string }): string {
  return `the ${(PROCESS_LABEL[report.process] ?? report.process).toLowerCase()} of ${formatLocalDate(report.sessionOn)}`;
}

/** When it is due, on the court's clock: "Mar 15, 2026, 5:00 PM EDT". */
export function dueText(report: { dueAt: string; timeZone: string }): string {
  return formatInZone(report.dueAt, report.timeZone);
}
