import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider } from 'urql';
import { SessionProvider } from '../src/modules/auth/hooks/useAuth';
import { CourtReportPanel } from '../src/modules/confidential/components/CourtReportPanel';
import { MediatorNotesPanel, SharedWithMediatorPanel } from '../src/modules/confidential/components/MediatorPanels';
import { MySidePanel } from '../src/modules/confidential/components/MySidePanel';
import type { WorkspaceItemView } from '../src/modules/confidential/graphql/confidential';
import { formatMoney } from '../src/modules/confidential/lib/format';
import { InvitationPage } from '../src/modules/invitations/components/InvitationPage';
import type { InvitationView } from '../src/modules/invitations/graphql/invitation';
import { apiFailure, createTestClient, type Responder } from './support/client';
import { renderCasePage } from './support/case-page';
import { invitation, renderInvitation } from './support/invitation';
import { newCaseDetail, withRoles } from './support/factories';

function wsItem(patch: Partial<WorkspaceItemView> = {}): WorkspaceItemView {
  return {
    __typename: 'WorkspaceItem',
    id: 'w1',
    sideId: 'side-a',
    kind: 'BEST_OFFER',
    body: null,
    amount: 250000,
    currency: 'USD',
    nonMoneyTerms: 'Apology letter',
    category: null,
    batna: null,
    sharedWithMediator: false,
    createdByName: 'Daniel Reyes',
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    ...patch,
  } as WorkspaceItemView;
}

function renderWith(ui: React.ReactNode, respond: Responder) {
  const api = createTestClient(respond);
  render(
    <Provider value={api.client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </Provider>,
  );
  return api;
}

const READERS = [
  { __typename: 'WorkspaceReader', participantId: 'p1', name: 'Carla Counsel', role: 'COUNSEL' },
  { __typename: 'WorkspaceReader', participantId: 'p2', name: 'Rosa Alvarez', role: 'PARTY' },
];

describe('My side', () => {
  const workspace = (items: WorkspaceItemView[]) => ({
    data: { case: { __typename: 'Case', id: 'c1', myWorkspace: { __typename: 'SideWorkspace', sideId: 'side-a', sideLabel: 'Rosa Alvarez', visibleTo: READERS, items } } },
  });

  it('names everyone who can read it and formats the best offer as money', async () => {
    renderWith(<MySidePanel caseId="c1" sideId="side-a" />, () => workspace([wsItem()]));
    const panel = await screen.findByRole('region', { name: 'My side: Rosa Alvarez' });
    expect(
      within(panel).getByText('Visible to: these 2 people: Carla Counsel (counsel), Rosa Alvarez (party); the mediator sees only what you share'),
    ).toBeTruthy();
    expect(await within(panel).findByText(formatMoney(250000, 'USD'))).toBeTruthy();
    expect(formatMoney(250000, 'USD')).toMatch(/250,000/);
    expect(within(panel).getByText('Apology letter')).toBeTruthy();
  });

  it('shows the BATNA sheet and a hidden issue’s category', async () => {
    renderWith(<MySidePanel caseId="c1" sideId="side-a" />, () =>
      workspace([
        wsItem({ id: 'w2', kind: 'HIDDEN_ISSUE', amount: null, nonMoneyTerms: null, category: 'REPUTATION', body: 'Press coverage' }),
        wsItem({
          id: 'w3',
          kind: 'BATNA',
          amount: null,
          nonMoneyTerms: null,
          batna: { nextWeek: 'Depositions', threeMonths: 'Summary judgment', costToDecision: '$80k', whoDecides: 'Jury', probability: 0.4, rangeLow: 50000, rangeHigh: 300000 },
        }),
      ]),
    );
    expect(await screen.findByText('Reputation')).toBeTruthy();
    expect(screen.getByText('Summary judgment')).toBeTruthy();
    expect(screen.getByText('40%')).toBeTruthy();
  });

  it('sends shareWorkspaceItemWithMediator with shared: true when the toggle is switched on', async () => {
    let items = [wsItem()];
    const api = renderWith(<MySidePanel caseId="c1" sideId="side-a" />, (op) => {
      if (op.name === 'ShareWorkspaceItem') {
        items = [wsItem({ sharedWithMediator: (op.variables as { shared: boolean }).shared })];
        return { data: { shareWorkspaceItemWithMediator: items[0] } };
      }
      return workspace(items);
    });
    await userEvent.click(await screen.findByRole('checkbox', { name: /Share with the mediator/ }));
    expect(api.sent('ShareWorkspaceItem').map((o) => o.variables)).toEqual([{ id: 'w1', shared: true }]);
    expect(await screen.findByText('Shared with the mediator')).toBeTruthy();
  });

  it('adds a best offer with amount and currency', async () => {
    const api = renderWith(<MySidePanel caseId="c1" sideId="side-a" />, (op) =>
      op.name === 'AddWorkspaceItem' ? { data: { addWorkspaceItem: wsItem() } } : workspace([]),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Add to workspace' }));
    await userEvent.type(screen.getByLabelText('Amount'), '1200.5');
    await userEvent.clear(screen.getByLabelText('Currency (ISO 4217)'));
    await userEvent.type(screen.getByLabelText('Currency (ISO 4217)'), 'eur');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(api.sent('AddWorkspaceItem')[0]!.variables).toEqual({
      caseId: 'c1',
      sideId: 'side-a',
      input: { kind: 'BEST_OFFER', amount: 1200.5, currency: 'EUR', nonMoneyTerms: null, body: null },
    });
  });

  it('adds a BATNA sheet as the form comes: the pre-filled currency goes with the range', async () => {
    const api = renderWith(<MySidePanel caseId="c1" sideId="side-a" />, (op) =>
      op.name === 'AddWorkspaceItem' ? { data: { addWorkspaceItem: wsItem({ kind: 'BATNA' }) } } : workspace([]),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Add to workspace' }));
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'BATNA');
    await userEvent.type(screen.getByLabelText('Next week without a deal'), 'We file the motion.');
    await userEvent.type(screen.getByLabelText('Range, low'), '40000');
    await userEvent.type(screen.getByLabelText('Range, high'), '90000');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(api.sent('AddWorkspaceItem')[0]!.variables).toEqual({
      caseId: 'c1',
      sideId: 'side-a',
      input: {
        kind: 'BATNA',
        currency: 'USD',
        batna: { nextWeek: 'We file the motion.', threeMonths: null, costToDecision: null, whoDecides: null, probability: null, rangeLow: 40000, rangeHigh: 90000 },
      },
    });
    expect(await screen.findByText('BATNA sheet added.')).toBeTruthy();
  });

  it('sends no currency with a BATNA sheet that has no range', async () => {
    const api = renderWith(<MySidePanel caseId="c1" sideId="side-a" />, (op) =>
      op.name === 'AddWorkspaceItem' ? { data: { addWorkspaceItem: wsItem({ kind: 'BATNA' }) } } : workspace([]),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Add to workspace' }));
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'BATNA');
    await userEvent.type(screen.getByLabelText('Who decides'), 'The board');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(api.sent('AddWorkspaceItem')[0]!.variables).toMatchObject({ input: { kind: 'BATNA', currency: null } });
  });

  it('gives a party the same items without add, edit or delete', async () => {
    renderWith(<MySidePanel caseId="c1" sideId="side-a" simple />, () => workspace([wsItem()]));
    await screen.findByText('Apology letter');
    expect(screen.queryByRole('button', { name: 'Add to workspace' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
  });
});

describe('the mediator’s panels', () => {
  const sides = [{ __typename: 'Side', id: 'side-a', label: 'Rosa Alvarez', role: 'PLAINTIFF', status: 'ACTIVE' }] as never;

  it('labels shared items with their side and says who sees them', async () => {
    renderWith(<SharedWithMediatorPanel caseId="c1" sides={sides} />, () => ({
      data: { case: { __typename: 'Case', id: 'c1', sharedWithMediator: [wsItem({ sharedWithMediator: true })] } },
    }));
    const panel = await screen.findByRole('region', { name: 'Shared by the sides' });
    expect(within(panel).getByText('Visible to: you and the side that shared it')).toBeTruthy();
    expect(await within(panel).findByText('From Rosa Alvarez')).toBeTruthy();
    expect(within(panel).getByText(formatMoney(250000, 'USD'))).toBeTruthy();
  });

  it('writes a caucus note, visible to the mediator only', async () => {
    const api = renderWith(<MediatorNotesPanel caseId="c1" sides={sides} />, (op) =>
      op.name === 'AddMediatorNote'
        ? { data: { addMediatorNote: { __typename: 'MediatorNote', id: 'n1', body: 'x', caucusSideId: 'side-a', createdAt: '2026-03-01T10:00:00Z', updatedAt: '2026-03-01T10:00:00Z' } } }
        : { data: { case: { __typename: 'Case', id: 'c1', mediatorNotes: [] } } },
    );
    const panel = await screen.findByRole('region', { name: 'Mediator notes' });
    expect(within(panel).getByText('Visible to: you only')).toBeTruthy();
    await userEvent.click(await within(panel).findByRole('button', { name: 'Write a note' }));
    await userEvent.type(screen.getByLabelText('New note'), 'Will move on timing');
    await userEvent.selectOptions(screen.getByLabelText('Caucus with (optional)'), 'side-a');
    await userEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(api.sent('AddMediatorNote')[0]!.variables).toEqual({ caseId: 'c1', input: { body: 'Will move on timing', caucusSideId: 'side-a' } });
  });
});

describe('the court report', () => {
  const report = (patch: Record<string, unknown>) => () => ({
    data: {
      case: {
        __typename: 'Case',
        id: 'c1',
        courtReport: { __typename: 'CourtReport', mediationOccurred: true, terminated: true, settlement: 'PENDING', sessionsHeld: 1, attendance: [], ...patch },
      },
    },
  });

  it('never says "no session has been held" beside "Sessions held 1"', async () => {
    renderWith(<CourtReportPanel caseId="c1" />, report({}));
    const panel = await screen.findByRole('region', { name: 'Court report' });
    expect(await within(panel).findByText('No attendance recorded.')).toBeTruthy();
    expect(within(panel).queryByText(/no session has been held/)).toBeNull();
    expect(within(panel).getByText('Pending')).toBeTruthy();
  });

  it('says no session has been held when none was', async () => {
    renderWith(<CourtReportPanel caseId="c1" />, report({ mediationOccurred: false, terminated: false, sessionsHeld: 0 }));
    expect(await screen.findByText('No attendance recorded: no session has been held.')).toBeTruthy();
  });
});

describe('the case page by role', () => {
  it('every panel with case content says who can see it', async () => {
    renderCasePage(newCaseDetail());
    await screen.findByRole('heading', { level: 1 });
    await screen.findByRole('region', { name: 'Written agreements' });
    // Panels of actions or of the chart's shape carry no case content of their own.
    const exempt = new Set(['Next steps', 'Statechart']);
    const panels = screen.getAllByRole('region').filter((region) => !exempt.has(region.getAttribute('aria-label') ?? region.querySelector('h2')?.textContent ?? ''));
    expect(panels.length).toBeGreaterThan(5);
    const silent = panels.filter((panel) => !/Visible to:|Court-reportable/.test(panel.textContent ?? '')).map((panel) => panel.querySelector('h2')?.textContent);
    expect(silent).toEqual([]);
  });

  it('shows a program administrator the court report and none of the case-shared panels', async () => {
    const item = newCaseDetail({ courtOrdered: true, myRoles: [{ __typename: 'MyCaseRole', role: 'PROGRAM_ADMIN', sideId: null }] as never, participants: [] });
    renderCasePage(item);
    await screen.findByRole('heading', { level: 1 });
    expect(await screen.findByText('Court-reportable (UMA §7): what a mediator may tell a court')).toBeTruthy();
    for (const name of ['Issues', 'Timeline', 'Sessions', 'Sides and participants', 'Shared by the sides', 'Mediator notes']) {
      expect(screen.queryByRole('region', { name })).toBeNull();
    }
    expect(screen.queryByText('No issues yet')).toBeNull();
    expect(screen.queryByText('No open deadline')).toBeNull();
    expect(screen.getByRole('region', { name: 'Invite to this case' })).toBeTruthy();
  });

  it('shows counsel “My side” and no mediator panels', async () => {
    const base = newCaseDetail();
    renderCasePage(withRoles(base, [{ role: 'COUNSEL', sideId: base.sides[0]!.id }]));
    expect(await screen.findByRole('region', { name: /^My side/ })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Mediator notes' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Invite to this case' })).toBeNull();
  });

  it('shows the mediator both mediator panels and the invite form', async () => {
    renderCasePage(newCaseDetail());
    expect(await screen.findByRole('region', { name: 'Mediator notes' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Shared by the sides' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: /^My side/ })).toBeNull();
  });
});

describe('the invitation page', () => {
  it('lets a new account set a password (10 characters or more) and lands on the case', async () => {
    const api = renderInvitation(invitation(), null, () => ({
      data: { acceptInvitation: { __typename: 'AcceptInvitationPayload', caseId: 'case-9', expiresAt: null } },
    }));
    expect(await screen.findByText('Alvarez v. Northgate Logistics')).toBeTruthy();
    expect(screen.getByText('Rosa Alvarez', { selector: 'dd' })).toBeTruthy();
    expect(screen.getByText('Party')).toBeTruthy();
    expect(screen.getByText('rosa@example.test')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Choose a password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(screen.getByText(/This one is too short/)).toBeTruthy();
    expect(api.sent('AcceptInvitation')).toHaveLength(0);
    await userEvent.type(screen.getByLabelText('Choose a password'), '-but-longer-now');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('Case page of the test')).toBeTruthy();
    expect(api.sent('AcceptInvitation')[0]!.variables).toEqual({ token: 'tok-1', password: 'short-but-longer-now' });
  });

  it('shows the server’s advice on a guessable password at the field, and says up front what a good one is', async () => {
    renderInvitation(invitation(), null, () => ({
      data: null,
      errors: [
        {
          message: 'password: too easy to guess. This is a commonly used password. Add more words that are less common.',
          extensions: { code: 'BAD_USER_INPUT', field: 'password' },
        },
      ],
    }));
    expect((await screen.findByText(/At least 10 characters/)).textContent).toMatch(/hard to guess.*not your name or e-mail/);
    await userEvent.type(screen.getByLabelText('Choose a password'), 'password1234');
    await userEvent.click(screen.getByRole('button', { name: 'Accept invitation' }));
    const advice = await screen.findByText(/This is a commonly used password\. Add more words that are less common\./);
    expect(advice.id).toBe('invite-password-hint');
    expect(advice.textContent).not.toMatch(/^password:/);
    expect(screen.getByLabelText('Choose a password').getAttribute('aria-invalid')).toBe('true');
  });

  it('signed out, offers both: sign in with an existing account, or choose a password (it cannot know which applies)', async () => {
    renderInvitation(invitation());
    const link = await screen.findByRole('link', { name: 'Sign in to accept' });
    expect(link.getAttribute('href')).toBe('/sign-in');
    expect(screen.getByLabelText('Choose a password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Accept invitation' })).toBeTruthy();
  });

  it('signed in as another account, says so and offers no way to accept', async () => {
    renderInvitation(invitation(), { id: 'u2', email: 'mediator@example.test', displayName: 'Mia' });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/this invitation is for rosa@example.test/);
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull();
  });

  it('accepts for the signed-in invited account without a password', async () => {
    const api = renderInvitation(invitation(), { id: 'u1', email: 'Rosa@example.test', displayName: 'Rosa' }, () => ({
      data: { acceptInvitation: { __typename: 'AcceptInvitationPayload', caseId: 'case-9', expiresAt: null } },
    }));
    await userEvent.click(await screen.findByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('Case page of the test')).toBeTruthy();
    expect(api.sent('AcceptInvitation')[0]!.variables).toEqual({ token: 'tok-1', password: null });
  });

  it('says clearly when the link has expired or was used', async () => {
    renderInvitation(invitation({ expired: true }));
    expect(await screen.findByText('This invitation has expired')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull();
  });

  it('says clearly when the link was already used', async () => {
    renderInvitation(invitation({ used: true }));
    expect(await screen.findByText('This invitation has already been used')).toBeTruthy();
  });
});
