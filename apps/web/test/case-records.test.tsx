import { describe, expect, it } from '@jest/globals';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AgreementView, CaseDetail, DeadlineView, IssueView, SessionView } from '../src/modules/cases/graphql/case';
import { newerCase } from '../src/modules/cases/hooks/useLiveCase';
import { apiFailure } from './support/client';
import { renderCasePage, type MutationHandler } from './support/case-page';
import { newCaseDetail, withRoles } from './support/factories';

const issue = (id: string, label: string, status: IssueView['status'], description: string | null = null): IssueView =>
  ({ __typename: 'Issue', id, label, description, status }) as IssueView;

function deadline(patch: Partial<DeadlineView>): DeadlineView {
  return {
    __typename: 'Deadline',
    id: 'd1',
    kind: 'DISCOVERY_CUTOFF',
    title: 'Discovery cut-off',
    dueAt: '2099-03-10T21:00:00Z',
    doneAt: null,
    source: 'COURT_ORDER',
    ownerParticipantId: null,
    ownerName: null,
    ...patch,
  } as DeadlineView;
}

function agreement(patch: Partial<AgreementView>): AgreementView {
  return {
    __typename: 'Agreement',
    id: 'a1',
    status: 'DRAFT',
    binding: false,
    awaitingSides: [],
    digest: 'a'.repeat(64),
    missingTerms: [],
    signingRule: 'PARTIES',
    sidesWithoutParty: [],
    signatures: [],
    awaitingSignatures: [],
    terms: [{ __typename: 'AgreementTerm', issueId: 'i1', issueLabel: 'Custody schedule', issueDescription: null, terms: 'Alternate weeks.' }],
    ...patch,
  } as AgreementView;
}

/** Records each mutation; `answer` may refuse it. */
function recording(answer?: (name: string) => ReturnType<typeof apiFailure> | void) {
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  const handler: MutationHandler = (name, variables) => {
    calls.push({ name, variables });
    return answer?.(name);
  };
  return { calls, handler };
}

const region = (name: string) => screen.findByRole('region', { name });

describe('issues', () => {
  it('shows each issue with a status badge that reads without colour, and a count per status', async () => {
    renderCasePage(
      newCaseDetail({
        issues: [
          issue('i1', 'Custody schedule', 'AGREED'),
          issue('i2', 'Child support', 'OPEN', 'Monthly amount and who pays school fees.'),
          issue('i3', 'Pet', 'WITHDRAWN'),
          issue('i4', 'Liability', 'DECIDED'),
        ],
      }),
    );
    const panel = await region('Issues');
    const items = within(panel).getAllByTestId('issue');
    expect(items.map((li) => within(li).getByTestId('issue-status').textContent)).toEqual(['✓ Agreed', '○ Open', '– Withdrawn', '§ Decided']);
    expect(within(items[1]!).getByText('Monthly amount and who pays school fees.')).toBeTruthy();
    expect(within(panel).getByText('1 open · 1 agreed · 1 withdrawn · 1 decided')).toBeTruthy();
  });

  it('says how issues are added when there are none', async () => {
    renderCasePage(newCaseDetail({ allowedEvents: ['ADD_ISSUE'] }));
    const panel = await region('Issues');
    expect(within(panel).getByText('No issues yet')).toBeTruthy();
    expect(within(panel).getByText('List what is in dispute with “Add issue” in Next steps.')).toBeTruthy();
  });

  it('edits the label and description with updateIssue, then reloads the case', async () => {
    const item = newCaseDetail({ issues: [issue('i2', 'Child support', 'OPEN')] });
    const { calls, handler } = recording();
    const api = renderCasePage(item, handler);
    const panel = await region('Issues');
    await userEvent.click(within(panel).getByRole('button', { name: 'Edit: Child support' }));
    const form = within(panel).getByRole('form', { name: 'Edit issue: Child support' });
    const label = within(form).getByLabelText('Label');
    await userEvent.clear(label);
    await userEvent.type(label, 'Child support and school fees');
    await userEvent.type(within(form).getByLabelText(/Description/), 'Who pays what.');
    const before = api.sent('Case').length;
    await userEvent.click(within(form).getByRole('button', { name: 'Save issue' }));
    expect(calls).toEqual([
      {
        name: 'UpdateIssue',
        variables: { caseId: item.id, issueId: 'i2', input: { label: 'Child support and school fees', description: 'Who pays what.' } },
      },
    ]);
    expect(await within(panel).findByText('Saved issue Child support and school fees.')).toBeTruthy();
    expect(api.sent('Case').length).toBeGreaterThan(before);
  });

  it('shows the api’s FORBIDDEN message in an alert and keeps the form', async () => {
    const { handler } = recording(() => apiFailure('FORBIDDEN', 'Your role in this case cannot change its records.'));
    renderCasePage(newCaseDetail({ issues: [issue('i2', 'Child support', 'OPEN')] }), handler);
    const panel = await region('Issues');
    await userEvent.click(within(panel).getByRole('button', { name: 'Edit: Child support' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Save issue' }));
    const alert = await within(panel).findByRole('alert');
    expect(alert.textContent).toContain('Your role in this case cannot change its records.');
    expect(within(panel).getByRole('form', { name: 'Edit issue: Child support' })).toBeTruthy();
  });

  it('offers editing as the api lists it, whatever the roles say', async () => {
    // A mediator whose edits the api withholds (it decides): no edit controls anywhere.
    const item = { ...newCaseDetail({ issues: [issue('i3', 'Parenting time', 'OPEN')] }), allowedEdits: [] };
    renderCasePage(item);
    expect(within(await region('Issues')).queryByRole('button', { name: /Edit/ })).toBeNull();
    expect(within(await region('Sessions')).queryByRole('button')).toBeNull();
    expect(within(await region('Deadlines')).queryByRole('button', { name: 'Add deadline' })).toBeNull();
  });

  it('offers no editing to a party (the api would refuse it)', async () => {
    const item = newCaseDetail({ issues: [issue('i2', 'Child support', 'OPEN')] });
    Object.assign(item, withRoles(item, [{ role: 'PARTY', sideId: item.sides[0]!.id }]));
    renderCasePage(item);
    const panel = await region('Issues');
    expect(within(panel).queryByRole('button', { name: /Edit/ })).toBeNull();
  });
});

describe('deadlines', () => {
  it('lists kind, title, due time in the viewer’s zone with the zone named, owner and state', async () => {
    renderCasePage(
      newCaseDetail({
        deadlines: [
          deadline({ id: 'd1', dueAt: '2099-03-10T21:00:00Z', ownerName: 'Daniel Reyes', ownerParticipantId: 'p' }),
          deadline({ id: 'd2', kind: 'MEDIATOR_REPORT', title: 'Report to the court', dueAt: '2020-01-10T15:00:00Z' }),
          deadline({ id: 'd3', kind: 'COURT_DATE', title: 'Status conference', dueAt: '2020-01-05T15:00:00Z', doneAt: '2020-01-05T16:00:00Z' }),
        ],
      }),
    );
    const panel = await region('Deadlines');
    expect(within(panel).getByText('Times in America/New_York')).toBeTruthy();
    const [first, overdue, done] = within(panel).getAllByTestId('deadline');
    expect(first!.textContent).toContain('Discovery cutoff');
    expect(first!.querySelector('time')?.textContent).toBe('Mar 10, 2099, 5:00 PM EDT');
    expect(first!.textContent).toContain('Owner: Daniel Reyes');
    expect(first!.textContent).toContain('Source: Court order');
    expect(within(overdue!).getByTestId('deadline-status').textContent).toBe('! Overdue');
    expect(overdue!.querySelector('time')?.textContent).toBe('Jan 10, 2020, 10:00 AM EST');
    expect(overdue!.textContent).toContain('No owner');
    expect(within(done!).getByTestId('deadline-status').textContent).toBe('✓ Done');
  });

  it('marks a deadline done, and reopens it', async () => {
    const item = newCaseDetail({ deadlines: [deadline({ id: 'd1' }), deadline({ id: 'd2', title: 'Filed brief', doneAt: '2026-01-01T00:00:00Z' })] });
    const { calls, handler } = recording();
    renderCasePage(item, handler);
    const panel = await region('Deadlines');
    await userEvent.click(within(panel).getByRole('button', { name: 'Mark done: Discovery cut-off' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Reopen: Filed brief' }));
    expect(calls.map((c) => [c.name, c.variables])).toEqual([
      ['UpdateDeadline', { caseId: item.id, deadlineId: 'd1', input: { done: true } }],
      ['UpdateDeadline', { caseId: item.id, deadlineId: 'd2', input: { done: false } }],
    ]);
  });

  it('adds a deadline: the due time typed in the viewer’s zone goes to the api as an ISO instant', async () => {
    const item = newCaseDetail();
    const { calls, handler } = recording();
    renderCasePage(item, handler);
    const panel = await region('Deadlines');
    expect(within(panel).getByText('No deadlines yet')).toBeTruthy();
    await userEvent.click(within(panel).getByRole('button', { name: 'Add deadline' }));
    const form = within(panel).getByRole('form', { name: 'Add a deadline' });
    await userEvent.click(within(form).getByRole('button', { name: 'Add this deadline' }));
    expect(within(form).getByText('Choose the kind of deadline.')).toBeTruthy();
    expect(within(form).getByText('Enter the date and time it is due.')).toBeTruthy();
    expect(calls).toEqual([]);

    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'Filing deadline');
    await userEvent.type(within(form).getByLabelText('Title'), 'Answer to the complaint');
    await userEvent.type(within(form).getByLabelText('Due (America/New_York)'), '2026-04-01T09:30');
    await userEvent.selectOptions(within(form).getByLabelText(/Owner/), 'Priya Shah · Counsel for Bo Respondent Inc.');
    await userEvent.click(within(form).getByRole('button', { name: 'Add this deadline' }));
    expect(calls).toEqual([
      {
        name: 'AddDeadline',
        variables: {
          caseId: item.id,
          input: {
            kind: 'FILING_DEADLINE',
            title: 'Answer to the complaint',
            dueAt: '2026-04-01T13:30:00.000Z',
            source: 'MEDIATOR',
            ownerParticipantId: `${item.id}-p-b`,
          },
        },
      },
    ]);
    expect(await within(panel).findByText('Added Answer to the complaint.')).toBeTruthy();
  });
});

describe('sessions', () => {
  const session = (patch: Partial<SessionView>): SessionView =>
    ({ __typename: 'MediationSession', id: 's1', startsAt: '2026-03-12T14:00:00Z', format: 'JOINT', outcome: null, attendance: [], ...patch }) as SessionView;

  it('shows when, the format, the outcome and who attended with authority to settle', async () => {
    const item = newCaseDetail({
      sessions: [
        session({
          id: 's1',
          outcome: 'NO_AGREEMENT',
          attendance: [
            { participantId: 'pa', name: 'Daniel Reyes', attended: true, authorityToSettle: true },
            { participantId: 'pb', name: 'Priya Shah', attended: true, authorityToSettle: false },
          ],
        }),
      ],
    });
    renderCasePage(item);
    const panel = await region('Sessions');
    const [first] = within(panel).getAllByTestId('session');
    expect(first!.querySelector('time')?.textContent).toBe('Mar 12, 2026, 10:00 AM EDT');
    expect(first!.textContent).toContain('Joint');
    expect(within(first!).getByTestId('session-outcome').textContent).toBe('No agreement');
    const rows = within(first!).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['Daniel ReyesYesYes', 'Priya ShahYesNo']);
    expect(within(first!).getByRole('columnheader', { name: 'Authority to settle' })).toBeTruthy();
  });

  it('lets the mediator schedule a session and record attendance', async () => {
    const item = newCaseDetail({ sessions: [session({ id: 's1' })] });
    const { calls, handler } = recording();
    renderCasePage(item, handler);
    const panel = await region('Sessions');
    await userEvent.click(within(panel).getByRole('button', { name: 'Schedule a session' }));
    const form = within(panel).getByRole('form', { name: 'Schedule a session' });
    await userEvent.type(within(form).getByLabelText('Starts (America/New_York)'), '2026-05-04T13:00');
    await userEvent.selectOptions(within(form).getByLabelText('Format'), 'Online');
    await userEvent.click(within(form).getByRole('button', { name: 'Schedule' }));

    await userEvent.click(within(panel).getByRole('button', { name: /^Record attendance: session of/ }));
    const attendance = within(panel).getByRole('form', { name: 'Record attendance' });
    await userEvent.click(within(attendance).getByLabelText('Daniel Reyes attended'));
    await userEvent.click(within(attendance).getByLabelText('Daniel Reyes had authority to settle'));
    await userEvent.click(within(attendance).getByLabelText('Priya Shah attended'));
    await userEvent.click(within(attendance).getByRole('button', { name: 'Save attendance' }));

    expect(calls.map((c) => [c.name, c.variables])).toEqual([
      ['ScheduleSession', { caseId: item.id, input: { startsAt: '2026-05-04T17:00:00.000Z', format: 'ONLINE' } }],
      [
        'RecordAttendance',
        {
          caseId: item.id,
          sessionId: 's1',
          input: {
            attendance: [
              { participantId: `${item.id}-p-mediator`, attended: false, authorityToSettle: false },
              { participantId: `${item.id}-p-a`, attended: true, authorityToSettle: true },
              { participantId: `${item.id}-p-b`, attended: true, authorityToSettle: false },
            ],
          },
        },
      ],
    ]);
  });

  it('shows counsel the sessions without the mediator’s controls', async () => {
    const item = newCaseDetail({ sessions: [session({})] });
    Object.assign(item, withRoles(item, [{ role: 'COUNSEL', sideId: item.sides[0]!.id }]));
    renderCasePage(item);
    const panel = await region('Sessions');
    expect(within(panel).queryByRole('button')).toBeNull();
    expect(within(panel).getByText('Attendance not recorded yet.')).toBeTruthy();
  });
});

describe('written agreements', () => {
  it.each([
    ['DRAFT', /A draft: it binds only once every party of every side has signed it/],
    ['SUBJECT_TO_FORMAL_DOCUMENTS', /subject to formal documents/],
  ] as const)('say loudly that a %s agreement is not binding', async (status, why) => {
    const item = newCaseDetail({ agreements: [agreement({ status, binding: false })] });
    item.agreements[0]!.awaitingSides = [item.sides[1]!.id];
    item.agreements[0]!.awaitingSignatures = [{ participantId: 'p9', name: 'Bo Owner', sideId: item.sides[1]!.id }];
    renderCasePage(item);
    const panel = await region('Written agreements');
    const loud = within(panel).getByTestId('agreement-not-binding');
    expect(loud.textContent).toContain('Not binding');
    expect(loud.textContent).toMatch(why);
    expect(within(panel).getByText('Still to sign: Bo Owner (Bo Respondent Inc.).')).toBeTruthy();
    expect(within(panel).queryByTestId('agreement-binding')).toBeNull();
  });

  it('say a binding agreement is binding, and never “Not binding”', async () => {
    renderCasePage(newCaseDetail({ agreements: [agreement({ status: 'BINDING', binding: true })] }));
    const panel = await region('Written agreements');
    expect(within(panel).getByTestId('agreement-binding').textContent).toContain('Binding');
    expect(within(panel).queryByText(/Not binding/)).toBeNull();
    expect(within(panel).queryByRole('button', { name: /terms/ })).toBeNull();
  });

  it('show a party the exact text and ask for the password before signing it (signAgreement with the digest)', async () => {
    const base = newCaseDetail({ agreements: [agreement({})] });
    const item = withRoles({ ...base, allowedEvents: ['SIGN_AGREEMENT'] }, [{ role: 'PARTY', sideId: base.sides[0]!.id }]);
    const { calls, handler } = recording();
    renderCasePage(item, handler);
    const panel = await region('Written agreements');
    await userEvent.click(within(panel).getByRole('button', { name: 'Sign this agreement' }));
    const dialog = within(panel).getByRole('dialog', { name: 'Sign this agreement' });
    expect(within(dialog).getByTestId('text-to-sign').textContent).toContain('Alternate weeks.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(within(dialog).getByText('Type the password you sign in with.')).toBeTruthy();
    expect(calls).toEqual([]);
    await userEvent.type(within(dialog).getByLabelText('Your password'), 'my password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
    expect(calls).toEqual([
      { name: 'SignAgreement', variables: { caseId: item.id, expectedVersion: item.version, input: { digest: 'a'.repeat(64), password: 'my password' } } },
    ]);
    // Signing is in the agreement, not among the generic next steps.
    expect(screen.queryByRole('region', { name: 'Next steps' }) && within(screen.getByRole('region', { name: 'Next steps' })).queryByRole('button', { name: /sign/i })).toBeFalsy();
  });

  it('tell counsel why they cannot sign for a client, and let them where the program allows it', async () => {
    const base = newCaseDetail({ agreements: [agreement({ awaitingSignatures: [{ participantId: 'p1', name: 'Rosa Alvarez', sideId: 'placeholder' }] })] });
    base.agreements[0]!.awaitingSignatures[0]!.sideId = base.sides[0]!.id;
    const counsel = withRoles(base, [{ role: 'COUNSEL', sideId: base.sides[0]!.id }]);
    renderCasePage(counsel);
    let panel = await region('Written agreements');
    expect(within(panel).getByTestId('counsel-signing').textContent).toMatch(/every party signs in person: as counsel, you cannot sign for your client/);
    expect(within(panel).queryByRole('button', { name: /^Sign/ })).toBeNull();
    cleanup();
    const allowed = withRoles({ ...base, allowedEvents: ['SIGN_AGREEMENT_FOR_CLIENT'], agreements: [{ ...base.agreements[0]!, signingRule: 'PARTIES_OR_COUNSEL' as const }] }, [
      { role: 'COUNSEL', sideId: base.sides[0]!.id },
    ]);
    const { calls, handler } = recording();
    renderCasePage(allowed, handler);
    panel = await region('Written agreements');
    await userEvent.click(within(panel).getByRole('button', { name: 'Sign for Rosa Alvarez' }));
    await userEvent.type(within(panel).getByLabelText('Your password'), 'my password');
    await userEvent.click(within(panel).getByRole('button', { name: 'Sign' }));
    expect(calls[0]!.variables).toMatchObject({ input: { forPartyId: 'p1', password: 'my password' } });
  });

  it('say who can see the terms, and write them with setAgreementTerms', async () => {
    const item = newCaseDetail({ agreements: [agreement({})] });
    const { calls, handler } = recording();
    renderCasePage(item, handler);
    const panel = await region('Written agreements');
    expect(within(panel).getByText('Visible to: the mediator, counsel and parties of every side (not the court program)')).toBeTruthy();
    expect(within(panel).getByText('Alternate weeks.')).toBeTruthy();
    await userEvent.click(within(panel).getByRole('button', { name: 'Edit terms: Custody schedule' }));
    const terms = within(panel).getByLabelText('Agreed terms');
    await userEvent.clear(terms);
    await userEvent.type(terms, 'Alternate weeks; holidays split.');
    await userEvent.click(within(panel).getByRole('button', { name: 'Save terms' }));
    expect(calls).toEqual([
      { name: 'SetAgreementTerms', variables: { caseId: item.id, input: { issueId: 'i1', terms: 'Alternate weeks; holidays split.' } } },
    ]);
  });

  it('say when there is none yet', async () => {
    renderCasePage(newCaseDetail());
    expect(within(await region('Written agreements')).getByText('No written agreement yet')).toBeTruthy();
  });
});

describe('participants', () => {
  it('lists each side with its people, then the neutral', async () => {
    const item = newCaseDetail();
    Object.assign(item, withRoles(item, [{ role: 'COUNSEL', sideId: item.sides[0]!.id }]));
    renderCasePage(item);
    const panel = await region('Sides and participants');
    const sides = within(panel).getAllByTestId('side');
    expect(sides[0]!.textContent).toContain('Ada Claimant');
    expect(sides[0]!.textContent).toContain('Your side');
    expect(sides[0]!.textContent).toContain('Daniel Reyes · Counsel');
    expect(sides[1]!.textContent).toContain('Priya Shah · Counsel');
    expect(within(panel).getByText('Neutral and program')).toBeTruthy();
    expect(within(panel).getByText('Maya Okafor')).toBeTruthy();
  });
});

describe('live updates on the case page', () => {
  const pushCase = (api: ReturnType<typeof renderCasePage>, item: CaseDetail) =>
    act(() => {
      api.push('CaseChanged', { data: { caseChanged: item } });
    });

  it('show a change pushed by the api without a reload, and ignore an older one', async () => {
    const item = newCaseDetail({ version: 2, allowedEvents: ['START_SESSION'], state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false } });
    const api = renderCasePage(item);
    await screen.findByTestId('resolution-state');
    expect(api.subscriptions('CaseChanged').map((s) => s.operation.variables)).toEqual([{ caseId: item.id }]);
    expect(screen.getByTestId('live-status').getAttribute('data-state')).toBe('connecting');

    const moved = { ...item, version: 3, updatedAt: '2026-03-02T10:00:00.000Z', allowedEvents: ['RECORD_OUTCOME'], state: { ...item.state, resolution: 'mediation.inSession' } };
    pushCase(api, moved);
    expect(screen.getByTestId('resolution-state').textContent).toBe('Mediation · in session');
    expect(screen.getByRole('button', { name: 'Record outcome' })).toBeTruthy();
    expect(screen.getByTestId('live-status').getAttribute('data-state')).toBe('live');

    pushCase(api, item);
    expect(screen.getByTestId('resolution-state').textContent).toBe('Mediation · in session');
  });

  it('show a record edit pushed by the api (same version, later updatedAt)', async () => {
    const item = newCaseDetail({ version: 5 });
    const api = renderCasePage(item);
    await screen.findByTestId('resolution-state');
    pushCase(api, { ...item, updatedAt: '2026-03-05T10:00:00.000Z', issues: [issue('i9', 'Pushed issue', 'OPEN')] });
    expect(within(await region('Issues')).getByText('Pushed issue')).toBeTruthy();
  });

  it('refetch the case from the network when the live socket reconnects', async () => {
    const item = newCaseDetail({ version: 5 });
    const api = renderCasePage(item);
    await screen.findByTestId('resolution-state');
    api.setCurrent({ ...item, version: 6, state: { ...item.state, resolution: 'mediation.scheduled' } });
    const before = api.sent('Case').length;
    act(() => api.live.reconnected());
    await waitFor(() => expect(screen.getByTestId('resolution-state').textContent).toBe('Mediation · scheduled'));
    expect(api.sent('Case').slice(before).map((o) => o.context.requestPolicy)).toContain('network-only');
  });

  it('say so when live updates fail', async () => {
    const api = renderCasePage(newCaseDetail());
    await screen.findByTestId('resolution-state');
    act(() => {
      api.push('CaseChanged', apiFailure('NOT_FOUND', 'No case with that id exists, or you do not have access to it.'));
    });
    expect(screen.getByTestId('live-status').getAttribute('data-state')).toBe('off');
    expect(screen.getByTestId('live-status').textContent).toContain('Live updates are off');
  });

  it('take the newer view of a case: by version, then by time of the last change', () => {
    const a = { version: 2, updatedAt: '2026-03-01T10:00:00Z' };
    expect(newerCase(a, { version: 1, updatedAt: '2026-03-09T10:00:00Z' })).toBe(a);
    const b = { version: 2, updatedAt: '2026-03-02T10:00:00Z' };
    expect(newerCase(a, b)).toBe(b);
    expect(newerCase(a, { ...a })).toBe(a);
    expect(newerCase(undefined, a)).toBe(a);
  });
});
