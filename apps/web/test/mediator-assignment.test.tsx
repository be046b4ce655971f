import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router-dom';
import { Provider } from 'urql';
import { MediatorAssignmentPanel } from '../src/modules/confidential/components/MediatorAssignmentPanel';
import type { MediatorAssignmentView } from '../src/modules/confidential/graphql/mediatorAssignment';
import { apiFailure, createTestClient, type FakeResponse, type Responder } from './support/client';
import { renderCasePage } from './support/case-page';
import { newCaseDetail, withRoles } from './support/factories';

const SIDES = [
  { __typename: 'Side', id: 'side-a', label: 'Acme Supply', role: 'CLAIMANT', status: 'ACTIVE' },
  { __typename: 'Side', id: 'side-b', label: 'Beta Retail', role: 'RESPONDENT', status: 'ACTIVE' },
] as never[];

function disclosure(patch: Partial<MediatorAssignmentView> = {}): MediatorAssignmentView {
  return {
    __typename: 'MediatorAssignment',
    id: 'ma1',
    mediatorName: 'Maya Okafor',
    status: 'DISCLOSED',
    findings: [
      { kind: 'PERSON', sentence: 'Maya Okafor and Daniel Reyes were both on a case opened March 2025 (Maya Okafor mediated it).' },
      { kind: 'SIDE', sentence: 'Side “Acme Supply” was also a side in a case Maya Okafor mediated (2025).' },
    ],
    acknowledgedSideIds: ['side-b'],
    awaitingSideIds: ['side-a'],
    proposedAt: '2026-03-01T10:00:00Z',
    acceptedAt: null,
    ...patch,
  };
}

const assignmentAnswer = (a: MediatorAssignmentView | null): FakeResponse => ({ data: { case: { __typename: 'Case', id: 'c1', mediatorAssignment: a } } });

function renderPanel(props: { mySideIds?: string[]; canPropose?: boolean; outcomeOnly?: boolean }, respond: Responder) {
  const api = createTestClient(respond);
  render(
    <Provider value={api.client}>
      <MemoryRouter>
        <MediatorAssignmentPanel caseId="c1" sides={SIDES} mySideIds={props.mySideIds ?? []} canPropose={props.canPropose ?? false} outcomeOnly={props.outcomeOnly} />
      </MemoryRouter>
    </Provider>,
  );
  return api;
}

async function seriousViolations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

describe('Mediator assignment panel', () => {
  it('shows the mediator, status, each finding, who acknowledged and who is awaited, visible to everyone on the case', async () => {
    renderPanel({}, () => assignmentAnswer(disclosure()));
    const panel = screen.getByRole('region', { name: 'Mediator assignment' });
    expect(within(panel).getByText('Visible to: everyone on this case')).toBeTruthy();
    expect(await within(panel).findByText('Maya Okafor')).toBeTruthy();
    expect(within(panel).getByTestId('mediator-assignment-status').textContent).toBe('Disclosed: waiting for the sides to acknowledge');
    const findings = within(within(panel).getByTestId('conflict-findings')).getAllByRole('listitem').map((li) => li.textContent);
    expect(findings).toEqual(disclosure().findings.map((f) => f.sentence));
    expect(within(panel).getByTestId('acknowledged-sides').textContent).toBe('Beta Retail');
    expect(within(panel).getByTestId('awaiting-sides').textContent).toBe('Acme Supply');
    // Not on a side, not a proposer: no button at all.
    expect(within(panel).queryByRole('button')).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });

  it('offers counsel a button for their own awaited side only, and sends acknowledgeMediatorDisclosure', async () => {
    let current = disclosure({ awaitingSideIds: ['side-a', 'side-b'], acknowledgedSideIds: [] });
    const api = renderPanel({ mySideIds: ['side-a'] }, (op) => {
      if (op.name === 'MediatorAssignment') return assignmentAnswer(current);
      if (op.name === 'AcknowledgeMediatorDisclosure') {
        current = disclosure({ awaitingSideIds: ['side-b'], acknowledgedSideIds: ['side-a'] });
        return { data: { acknowledgeMediatorDisclosure: { __typename: 'Case', id: 'c1', version: 3 } } };
      }
      throw new Error(`unexpected ${op.name}`);
    });
    const button = await screen.findByRole('button', { name: 'Acknowledge the disclosure for Acme Supply' });
    expect(screen.queryByRole('button', { name: /for Beta Retail/ })).toBeNull();
    await userEvent.click(button);
    expect(await screen.findByText('Disclosure acknowledged for Acme Supply.')).toBeTruthy();
    expect(api.operations.find((o) => o.name === 'AcknowledgeMediatorDisclosure')?.variables).toEqual({ caseId: 'c1', sideId: 'side-a' });
    expect(await screen.findByTestId('acknowledged-sides')).toBeTruthy();
    expect(screen.getByTestId('acknowledged-sides').textContent).toBe('Acme Supply');
    expect(screen.queryByRole('button', { name: /Acknowledge/ })).toBeNull();
  });

  it('shows an api refusal of the acknowledgement in an alert', async () => {
    renderPanel({ mySideIds: ['side-a'] }, (op) =>
      op.name === 'MediatorAssignment'
        ? assignmentAnswer(disclosure())
        : apiFailure('NOT_FOUND', 'No side with that id exists, or you do not have access to it.'),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Acknowledge the disclosure for Acme Supply' }));
    expect((await screen.findByRole('alert')).textContent).toContain('No side with that id exists, or you do not have access to it.');
  });

  it('lets the mediator or program administrator propose a mediator chosen from their organisation', async () => {
    let current: MediatorAssignmentView | null = null;
    const api = renderPanel({ canPropose: true }, (op) => {
      if (op.name === 'MediatorAssignment') return assignmentAnswer(current);
      if (op.name === 'MediatorsOfMyOrganisation')
        return { data: { mediatorsOfMyOrganisation: [{ __typename: 'MediatorSummary', id: 'u-maya', displayName: 'Maya Okafor' }, { __typename: 'MediatorSummary', id: 'u-lee', displayName: 'Lee Park' }] } };
      if (op.name === 'ProposeMediator') {
        current = disclosure({ acknowledgedSideIds: [], awaitingSideIds: ['side-a', 'side-b'] });
        return { data: { proposeMediator: { __typename: 'Case', id: 'c1', version: 2 } } };
      }
      throw new Error(`unexpected ${op.name}`);
    });
    expect(await screen.findByText('No mediator proposed')).toBeTruthy();
    expect(api.operations.some((o) => o.name === 'MediatorsOfMyOrganisation')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Propose a mediator' }));
    const form = screen.getByRole('form', { name: 'Propose a mediator' });
    await userEvent.selectOptions(await within(form).findByLabelText('Mediator'), 'Maya Okafor');
    expect(await seriousViolations()).toEqual([]);
    await userEvent.click(within(form).getByRole('button', { name: 'Propose' }));
    expect(await screen.findByText('Maya Okafor proposed; the conflict inquiry ran.')).toBeTruthy();
    expect(api.operations.find((o) => o.name === 'ProposeMediator')?.variables).toEqual({ caseId: 'c1', userId: 'u-maya' });
    expect((await screen.findByTestId('awaiting-sides')).textContent).toBe('Acme SupplyBeta Retail');
  });

  it('shows the api’s refusal of a proposal in an alert and keeps the form', async () => {
    renderPanel({ canPropose: true }, (op) => {
      if (op.name === 'MediatorAssignment') return assignmentAnswer(null);
      if (op.name === 'MediatorsOfMyOrganisation') return { data: { mediatorsOfMyOrganisation: [{ __typename: 'MediatorSummary', id: 'u-maya', displayName: 'Maya Okafor' }] } };
      return apiFailure('BAD_USER_INPUT', 'userId: Maya Okafor is already a mediator of this case.');
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Propose a mediator' }));
    await userEvent.selectOptions(await screen.findByLabelText('Mediator'), 'u-maya');
    await userEvent.click(screen.getByRole('button', { name: 'Propose' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Maya Okafor is already a mediator of this case.');
    expect(screen.getByRole('form', { name: 'Propose a mediator' })).toBeTruthy();
  });

  it('says so when the mediators cannot be loaded or there are none', async () => {
    renderPanel({ canPropose: true }, (op) =>
      op.name === 'MediatorAssignment' ? assignmentAnswer(null) : apiFailure('FORBIDDEN', "Only your organisation's mediators and program administrators can list its mediators."),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Propose a mediator' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The mediators could not be loaded');
    expect(screen.getByRole('button', { name: 'Propose' }).hasAttribute('disabled')).toBe(true);
  });

  it('tells a program administrator in the outcome view that the disclosure is not theirs to read, and asks the api nothing', async () => {
    const api = renderPanel({ canPropose: true, outcomeOnly: true }, () => {
      throw new Error('no query expected');
    });
    expect(screen.getByText(/not to a program administrator/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Propose a mediator' })).toBeTruthy();
    expect(api.operations).toEqual([]);
  });
});

describe('the case page', () => {
  it('has the panel for counsel, without the propose form, and for the mediator with it', async () => {
    const base = newCaseDetail();
    renderCasePage(withRoles(base, [{ role: 'COUNSEL', sideId: base.sides[0]!.id }]));
    const panel = await screen.findByRole('region', { name: 'Mediator assignment' });
    expect(await within(panel).findByText('No mediator proposed')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Propose a mediator' })).toBeNull();
    expect(await seriousViolations()).toEqual([]);
  });

  it('offers the mediator the propose form', async () => {
    renderCasePage(newCaseDetail());
    const panel = await screen.findByRole('region', { name: 'Mediator assignment' });
    expect(within(panel).getByRole('button', { name: 'Propose a mediator' })).toBeTruthy();
  });
});
