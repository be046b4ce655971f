import { describe, expect, it } from '@jest/globals';
import { leadDueNow, reminderKey } from './leads.js';

const now = new Date('2026-03-10T12:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * 3600_000);

describe('leadDueNow', () => {
  it('sends nothing more than 7 days ahead', () => {
    expect(leadDueNow('COURT_DATE', inHours(7 * 24 + 1), now)).toBeNull();
  });
  it('sends the 7-day reminder inside 7 days and the 1-day one inside a day', () => {
    expect(leadDueNow('COURT_DATE', inHours(7 * 24), now)).toBe('P7D');
    expect(leadDueNow('FILING_DEADLINE', inHours(3 * 24), now)).toBe('P7D');
    expect(leadDueNow('FILING_DEADLINE', inHours(24), now)).toBe('P1D');
    expect(leadDueNow('OTHER', inHours(1), now)).toBe('P1D');
  });
  it('announces only overdue touchpoints, and not ancient ones', () => {
    expect(leadDueNow('NEXT_TOUCHPOINT', inHours(-1), now)).toBe('DUE');
    expect(leadDueNow('NEXT_TOUCHPOINT', now, now)).toBe('DUE');
    expect(leadDueNow('COURT_DATE', inHours(-1), now)).toBeNull();
    expect(leadDueNow('NEXT_TOUCHPOINT', inHours(-31 * 24), now)).toBeNull();
  });
  it('keys a reminder by deadline, lead and due time', () => {
    expect(reminderKey('d1', 'P1D', inHours(24))).toBe('d1:P1D:2026-03-11T12:00:00.000Z');
  });
});
