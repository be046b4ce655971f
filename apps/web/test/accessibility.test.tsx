import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider } from 'urql';
import { AppRoutes } from '../src/app/AppRoutes';
import { SessionProvider } from '../src/modules/auth/hooks/useAuth';
import { CasePage } from '../src/modules/cases/components/CasePage';
import type { CaseDetail } from '../src/modules/cases/graphql/case';
import { PipelinePage } from '../src/modules/pipeline/components/PipelinePage';
import { createTestClient } from './support/client';
import { answerCases, newCase, newCaseDetail, withRoles } from './support/factories';
import { renderCasePage } from './support/case-page';
import { invitation, renderInvitation } from './support/invitation';

/** Serious and critical axe violations of the page (contrast is checked in a real browser). */
async function seriousViolations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const cases = [
  newCase({
    caption: 'Alvarez v. Northgate',
    courtOrdered: true,
    nextDeadlineAt: '2026-03-10T21:00:00Z',
    needsAttention: ['DEADLINE_WITHIN_7_DAYS', 'OVERDUE_TOUCHPOINT'],
  }),
  newCase({ caption: 'Chen v. Brooks', state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false } }),
  newCase({ caption: 'Harbor dissolution', needsAttention: ['IMPASSE_WITHOUT_OWNER'], state: { resolution: 'impasse', litigation: 'notFiled', done: false } }),
];

/** A case with something in every panel: issues of each status, a session with attendance, deadlines, a pending agreement. */
function fullCase(patch: Partial<CaseDetail> = {}): CaseDetail {
  const item = newCaseDetail({
    allowedEvents: ['START_SESSION', 'RECORD_OUTCOME', 'ADD_ISSUE', 'AGREE_ISSUES', 'ASSIGN_OUTREACH_OWNER', 'RECORD_STALL_REASON'],
    state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false },
    nextDeadlineAt: '2026-03-10T21:00:00Z',
    needsAttention: ['DEADLINE_WITHIN_7_DAYS'],
    timeline: [
      { id: 't1', seq: 1, type: 'CASE_OPENED', actorName: 'Maya Okafor', summary: 'Case opened', at: '2026-03-01T09:00:00Z', fromState: null, toState: { resolution: 'intake', litigation: 'notFiled' } },
    ],
    issues: [
      { id: 'i1', label: 'Custody schedule', description: 'Weekdays and holidays.', status: 'AGREED' },
      { id: 'i2', label: 'Child support', description: null, status: 'OPEN' },
      { id: 'i3', label: 'Pet', description: null, status: 'WITHDRAWN' },
      { id: 'i4', label: 'Liability', description: null, status: 'DECIDED' },
    ],
    deadlines: [
      { id: 'd1', kind: 'DISCOVERY_CUTOFF', title: 'Discovery cut-off', dueAt: '2026-03-10T21:00:00Z', doneAt: null, source: 'COURT_ORDER', ownerParticipantId: null, ownerName: null },
      { id: 'd2', kind: 'MEDIATOR_REPORT', title: 'Report to the court', dueAt: '2026-02-10T21:00:00Z', doneAt: '2026-02-09T10:00:00Z', source: 'RULE', ownerParticipantId: null, ownerName: 'Maya Okafor' },
    ],
    agreements: [
      {
        id: 'a1',
        status: 'SUBJECT_TO_FORMAL_DOCUMENTS',
        binding: false,
        awaitingSides: [],
        digest: 'a'.repeat(64),
        missingTerms: [],
        signingRule: 'PARTIES',
        sidesWithoutParty: [],
        signatures: [],
        awaitingSignatures: [],
        terms: [{ issueId: 'i1', issueLabel: 'Custody schedule', issueDescription: null, terms: 'Alternate weeks.' }],
      },
    ],
    ...patch,
  });
  item.sessions = [
    {
      id: 's1',
      startsAt: '2026-03-12T14:00:00Z',
      format: 'JOINT',
      outcome: 'PARTIAL_AGREEMENT',
      attendance: item.participants.map((p, i) => ({ participantId: p.id, name: p.name, attended: true, authorityToSettle: i === 1 })),
    },
  ];
  return item;
}

function renderCase(item: CaseDetail) {
  render(
    <Provider value={createTestClient(() => ({ data: { case: item } })).client}>
      <MemoryRouter initialEntries={[`/cases/${item.id}`]}>
        <Routes>
          <Route path="/cases/:id" element={<CasePage />} />
        </Routes>
      </MemoryRouter>
    </Provider>,
  );
}

describe('axe finds no serious violation', () => {
  it('on the sign-in page', async () => {
    render(
      <SessionProvider makeClient={() => createTestClient(() => ({ data: { me: null } })).client}>
        <MemoryRouter initialEntries={['/sign-in']}>
          <AppRoutes />
        </MemoryRouter>
      </SessionProvider>,
    );
    await screen.findByLabelText('E-mail');
    expect(await seriousViolations()).toEqual([]);
  });

  it.each(['/', '/?view=table'])('on the pipeline at %s', async (path) => {
    render(
      <Provider value={createTestClient((op) => answerCases(() => cases)(op.variables)).client}>
        <MemoryRouter initialEntries={[path]}>
          <PipelinePage />
        </MemoryRouter>
      </Provider>,
    );
    await screen.findByRole('link', { name: 'Chen v. Brooks' });
    await screen.findAllByTestId('attention-item');
    expect(await seriousViolations()).toEqual([]);
  });

  it('on a case page with actions and every panel filled in', async () => {
    renderCase(fullCase());
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByTestId('agreement-not-binding')).toBeTruthy();
    expect(await seriousViolations()).toEqual([]);
  });

  it('on a case page with every panel empty', async () => {
    renderCase(newCaseDetail({ allowedEvents: [] }));
    await screen.findByRole('heading', { level: 1 });
    expect(await seriousViolations()).toEqual([]);
  });

  it.each(['Assign outreach owner', 'Agree issues', 'Record outcome', 'Record stall reason'])(
    'with the %s form open, after a failed try',
    async (step) => {
      renderCase(fullCase());
      await userEvent.click(await screen.findByRole('button', { name: step }));
      const form = screen.getByRole('form', { name: step });
      const confirm = within(form).queryByRole('button', { name: 'Confirm' });
      if (confirm) await userEvent.click(confirm);
      expect(await seriousViolations()).toEqual([]);
    },
  );

  it('with the record forms open (issue, deadline, session, attendance, terms)', async () => {
    renderCase(fullCase());
    await screen.findByRole('heading', { level: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Edit: Child support' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add deadline' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add this deadline' }));
    await userEvent.click(screen.getByRole('button', { name: 'Schedule a session' }));
    await userEvent.click(screen.getByRole('button', { name: /^Record attendance: session of/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Edit terms: Custody schedule' }));
    // issue, deadline, attendance (it replaces the session form: one sessions form at a time), terms
    expect(screen.getAllByRole('form').map((f) => f.getAttribute('aria-label'))).toEqual([
      'Edit issue: Child support',
      'Terms of Custody schedule',
      'Add a deadline',
      'Record attendance',
    ]);
    expect(await seriousViolations()).toEqual([]);
  });

  it('on counsel’s case page with the “My side” form open', async () => {
    const base = newCaseDetail();
    renderCasePage(withRoles(base, [{ role: 'COUNSEL', sideId: base.sides[0]!.id }]));
    await screen.findByRole('region', { name: /^My side/ });
    expect(await seriousViolations()).toEqual([]);
  });

  it('on the mediator’s case page with the note and invite forms', async () => {
    renderCasePage(newCaseDetail());
    await userEvent.click(await screen.findByRole('button', { name: 'Write a note' }));
    expect(await seriousViolations()).toEqual([]);
  });

  it('on the program administrator’s outcome view', async () => {
    renderCasePage(newCaseDetail({ courtOrdered: true, myRoles: [{ role: 'PROGRAM_ADMIN', sideId: null }], participants: [] }));
    await screen.findByText('Court-reportable (UMA §7): what a mediator may tell a court');
    expect(await seriousViolations()).toEqual([]);
  });

  it.each([
    ['a new account', {}],
    ['an expired link', { expired: true }],
  ])('on the invitation page for %s', async (_name, patch) => {
    renderInvitation(invitation(patch));
    await screen.findByRole('heading', { level: 1 });
    await screen.findAllByText(/Alvarez v. Northgate Logistics|This invitation has expired/);
    expect(await seriousViolations()).toEqual([]);
  });
});
