import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider } from 'urql';
import { CasePage } from '../src/modules/cases/components/CasePage';
import type { CaseDetail } from '../src/modules/cases/graphql/case';
import { apiFailure, createTestClient, type FakeResponse } from './support/client';
import { renderCasePage } from './support/case-page';
import { newCaseDetail } from './support/factories';

/** The page on a fake api; `onTransition` answers TransitionCase (a new case, an error, or nothing). */
function renderCase(item: CaseDetail, onTransition: (variables: Record<string, unknown>) => FakeResponse | CaseDetail | void = () => undefined) {
  return renderCasePage(item, (name, variables) => {
    if (name === 'TransitionCase') return onTransition(variables);
    throw new Error(`unexpected mutation ${name}`);
  });
}

const nextSteps = () => screen.getByRole('region', { name: 'Next steps' });
const buttonNames = (container: HTMLElement) => within(container).queryAllByRole('button').map((b) => b.textContent);

describe('the case page', () => {
  it('shows both regions’ states, the header and the viewer’s role', async () => {
    renderCase(
      newCaseDetail({
        caption: 'Chen v. Brooks',
        docketNumber: '2026-FL-00317',
        disputeType: 'PERSONAL_INJURY',
        courtOrdered: true,
        state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false },
      }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Chen v. Brooks' })).toBeTruthy();
    expect(screen.getByTestId('resolution-state').textContent).toBe('Mediation · scheduled');
    expect(screen.getByTestId('litigation-state').textContent).toBe('Not filed');
    expect(screen.getByText('2026-FL-00317')).toBeTruthy();
    expect(screen.getByText('Personal injury')).toBeTruthy();
    expect(screen.getByText('Court-ordered')).toBeTruthy();
    expect(screen.getByText('Your role: Mediator')).toBeTruthy();
  });

  it('renders exactly one button per allowed event, in the api’s order, and nothing else', async () => {
    renderCase(newCaseDetail({ allowedEvents: ['START_SESSION', 'RECORD_OUTCOME'] }));
    await screen.findByRole('region', { name: 'Next steps' });
    expect(buttonNames(nextSteps())).toEqual(['Start session', 'Record outcome']);
  });

  it('offers no button at all when the api allows nothing', async () => {
    renderCase(newCaseDetail({ allowedEvents: [] }));
    await screen.findByRole('region', { name: 'Next steps' });
    expect(buttonNames(nextSteps())).toEqual([]);
    expect(within(nextSteps()).getByText(/Nothing for you to do right now/)).toBeTruthy();
  });

  it('disables, with a reason, an event the dashboard’s schema does not know yet', async () => {
    renderCase(newCaseDetail({ allowedEvents: ['SCHEDULE_MEDIATION', 'SOME_EVENT_FROM_THE_FUTURE'] }));
    const future = await within(await screen.findByRole('region', { name: 'Next steps' })).findByRole('button', {
      name: 'Some event from the future',
    });
    expect((future as HTMLButtonElement).disabled).toBe(true);
    expect(future.getAttribute('title')).toMatch(/not available yet/i);
    expect((screen.getByRole('button', { name: 'Schedule mediation' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('sends a Boolean event with the case’s version, then reloads the case from the network', async () => {
    const item = newCaseDetail({ version: 7, allowedEvents: ['START_SESSION'] });
    const api = renderCase(item, () => ({
      ...item,
      version: 8,
      state: { ...item.state, resolution: 'mediation.inSession' },
      allowedEvents: ['RECORD_OUTCOME'],
    }));
    await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));

    expect(api.sent('TransitionCase').map((o) => o.variables)).toEqual([
      { caseId: item.id, v: 7, event: { startSession: true } },
    ]);
    expect(await screen.findByRole('button', { name: 'Record outcome' })).toBeTruthy();
    expect(screen.getByTestId('resolution-state').textContent).toBe('Mediation · in session');
    const reloads = api.sent('Case').filter((o) => o.context.requestPolicy === 'network-only');
    expect(reloads.length).toBeGreaterThanOrEqual(1);
  });

  it('asks for the outcome before recording it', async () => {
    const item = newCaseDetail({ version: 3, allowedEvents: ['RECORD_OUTCOME'] });
    const api = renderCase(item);
    const record = await screen.findByRole('button', { name: 'Record outcome' });
    expect(screen.queryByRole('button', { name: 'Settled' })).toBeNull();

    await userEvent.click(record);
    expect(record.getAttribute('aria-expanded')).toBe('true');
    const choice = screen.getByRole('group', { name: 'How did the session end?' });
    expect(buttonNames(choice)).toEqual(['Settled', 'Partial agreement', 'No agreement', 'Cancel']);
    expect(api.sent('TransitionCase')).toHaveLength(0);

    await userEvent.click(within(choice).getByRole('button', { name: 'No agreement' }));
    expect(api.sent('TransitionCase').map((o) => o.variables)).toEqual([
      { caseId: item.id, v: 3, event: { recordOutcome: { outcome: 'NO_AGREEMENT' } } },
    ]);
  });

  it('shows the api’s message when it refuses, and offers Reload on a version conflict', async () => {
    const item = newCaseDetail({ allowedEvents: ['START_SESSION'] });
    const api = renderCase(item, () =>
      apiFailure('VERSION_CONFLICT', 'Someone changed this case since you loaded it. Reload it to see the change, then try again.'),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone changed this case since you loaded it.');

    const before = api.sent('Case').length;
    await userEvent.click(within(alert).getByRole('button', { name: 'Reload' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.sent('Case').length).toBe(before + 1);
    expect(api.sent('Case').at(-1)?.context.requestPolicy).toBe('network-only');
  });

  it('shows other refusals without a Reload button', async () => {
    renderCase(newCaseDetail({ allowedEvents: ['START_SESSION'] }), () =>
      apiFailure('FORBIDDEN', 'Your role in this case cannot send START_SESSION.'),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Start session' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your role in this case cannot send START_SESSION.');
    expect(within(alert).queryByRole('button', { name: 'Reload' })).toBeNull();
  });

  it('lists the timeline newest first and lights the current states in the statechart', async () => {
    renderCase(
      newCaseDetail({
        state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false },
        timeline: [
          { id: 't1', seq: 1, type: 'CASE_OPENED', actorName: 'Maya Okafor', summary: 'Case opened', at: '2026-03-01T09:00:00Z', fromState: null, toState: { resolution: 'intake', litigation: 'notFiled' } },
          { id: 't2', seq: 2, type: 'SCHEDULE_MEDIATION', actorName: 'Maya Okafor', summary: 'Mediation scheduled', at: '2026-03-02T09:00:00Z', fromState: { resolution: 'intake', litigation: 'notFiled' }, toState: { resolution: 'mediation.scheduled', litigation: 'notFiled' } },
        ],
      }),
    );
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    const entries = within(timeline).getAllByRole('listitem').map((li) => li.querySelector('.timeline__summary')?.textContent);
    expect(entries).toEqual(['Mediation scheduled', 'Case opened']);
    expect(within(timeline).getByText('Intake → Mediation · scheduled')).toBeTruthy();

    const chart = screen.getByRole('region', { name: 'Statechart' });
    const lit = chart.querySelectorAll('[aria-current="true"]');
    expect([...lit].map((el) => el.getAttribute('data-state-id'))).toEqual([
      'case.resolution.mediation.scheduled',
      'case.litigation.notFiled',
    ]);
  });

  it('says so when the case does not exist or is not shared with the viewer', async () => {
    const api = createTestClient(() => apiFailure('NOT_FOUND', 'No case with that id exists, or you do not have access to it.'));
    render(
      <Provider value={api.client}>
        <MemoryRouter initialEntries={['/cases/nope']}>
          <Routes>
            <Route path="/cases/:id" element={<CasePage />} />
          </Routes>
        </MemoryRouter>
      </Provider>,
    );
    expect(await screen.findByRole('heading', { name: 'Case not found' })).toBeTruthy();
    expect(screen.getByText('No case with that id exists, or you do not have access to it.')).toBeTruthy();
  });
});
