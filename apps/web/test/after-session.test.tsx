import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CaseDetail } from '../src/modules/cases/graphql/case';
import { pathEventInput } from '../src/modules/after-session/lib/paths';
import { seriousViolations } from './support/axe';
import { renderCasePage } from './support/case-page';
import { newCaseDetail, withRoles } from './support/factories';

const impasse = { resolution: 'impasse', litigation: 'notFiled', done: false };

function debriefCase(patch: Partial<CaseDetail> = {}): CaseDetail {
  return newCaseDetail({
    state: impasse,
    needsAttention: ['DEBRIEF_OVERDUE'],
    allowedEvents: ['RECORD_STALL_REASON', 'ASSIGN_OUTREACH_OWNER', 'START_NEGOTIATION'],
    debrief: {
      __typename: 'Debrief',
      openedAt: '2026-03-12T14:00:00Z',
      dueAt: '2026-03-14T14:00:00Z',
      overdue: true,
      completedAt: null,
      missing: ['Why the session stalled', 'The owner of the next outreach and the touchpoint date'],
    },
    recommendations: {
      __typename: 'Recommendations',
      recommended: [
        {
          __typename: 'RecommendedPath',
          path: 'REMEDIATE_NEW',
          label: 'Re-mediate with a new mediator',
          rank: 2,
          reasons: ['The sides named mediator fit as a reason it stalled.'],
          event: { __typename: 'PathEvent', type: 'REMEDIATE', mediator: 'NEW', binding: null },
        },
        {
          __typename: 'RecommendedPath',
          path: 'NEGOTIATE',
          label: 'Negotiate directly',
          rank: 1,
          reasons: ['The gap between offers is small.', 'Counsel on both sides are engaged.'],
          event: { __typename: 'PathEvent', type: 'START_NEGOTIATION', mediator: null, binding: null },
        },
      ],
      excluded: [
        {
          __typename: 'ExcludedPath',
          path: 'ARBITRATION',
          label: 'Arbitration',
          reasons: ['There is no arbitration clause or stipulation.'],
          event: { __typename: 'PathEvent', type: 'START_ARBITRATION', mediator: null, binding: true },
        },
      ],
    },
    playbook: {
      __typename: 'Playbook',
      path: 'NEGOTIATE',
      done: 3,
      total: 7,
      items: Array.from({ length: 7 }, (_, i) => ({
        __typename: 'PlaybookItem',
        id: `item-${i}`,
        label: `Step ${i + 1}`,
        kind: 'PROCESS',
        done: i < 3,
        doneAt: i < 3 ? '2026-03-13T10:00:00Z' : null,
      })),
    },
    ...patch,
  } as Partial<CaseDetail>);
}

describe('after the session', () => {
  it('shows the due time with its zone, the overdue badge and what is missing', async () => {
    renderCasePage(debriefCase());
    const panel = await screen.findByTestId('after-session');
    expect(within(panel).getByRole('heading', { name: 'After the session' })).toBeTruthy();
    expect(within(panel).getByTestId('debrief-status').textContent).toContain('Overdue');
    expect(panel.textContent).toMatch(/times in /);
    expect(within(panel).getByTestId('debrief-missing').textContent).toContain('Why the session stalled');
    expect(within(panel).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByTestId('case-attention').textContent).toContain('Debrief past 48 hours');
  });

  it('offers only the debrief steps in allowedEvents, and sends a stall reason in one click', async () => {
    const page = renderCasePage(debriefCase());
    const panel = await screen.findByTestId('after-session');
    const stall = within(panel).getByRole('group', { name: /Record stall reason/ });
    // RECORD_REMEDY is not allowed now: no remedy buttons.
    expect(panel.querySelector('[data-event="RECORD_REMEDY"]')).toBeNull();
    expect(within(stall).getAllByRole('button')).toHaveLength(8);
    await userEvent.click(within(stall).getByRole('button', { name: 'Lacked information' }));
    expect(page.sent('TransitionCase').map((o) => (o.variables as { event: unknown }).event)).toEqual([
      { recordStallReason: { reason: 'LACKED_INFORMATION' } },
    ]);
    expect(await within(panel).findByText('Recorded: Lacked information.')).toBeTruthy();
  });

  it('offers remedies once the api allows them, and the owner form from the schema', async () => {
    const page = renderCasePage(debriefCase({ allowedEvents: ['RECORD_REMEDY', 'ASSIGN_OUTREACH_OWNER'] }));
    const panel = await screen.findByTestId('after-session');
    expect(panel.querySelector('[data-event="RECORD_STALL_REASON"]')).toBeNull();
    await userEvent.click(within(within(panel).getByRole('group', { name: /Record remedy/ })).getByRole('button', { name: 'Information exchanged' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Name the owner of the next outreach' }));
    const form = within(panel).getByRole('form', { name: 'Assign outreach owner' });
    await userEvent.selectOptions(within(form).getByLabelText('Owner of the next outreach'), 'Daniel Reyes · Counsel for Ada Claimant');
    await userEvent.type(within(form).getByLabelText('Next touchpoint'), '2026-03-20');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    const events = page.sent('TransitionCase').map((o) => (o.variables as { event: unknown }).event);
    expect(events[0]).toEqual({ recordRemedy: { remedy: 'INFORMATION_EXCHANGED' } });
    expect(events[1]).toEqual({ assignOutreachOwner: { ownerId: expect.stringMatching(/-p-a$/), touchpointDate: '2026-03-20' } });
  });

  it('links counsel to their side’s private workspace, and is not shown to a party', async () => {
    const base = debriefCase();
    renderCasePage(withRoles(base, [{ role: 'COUNSEL', sideId: base.sides[0]!.id }]));
    const panel = await screen.findByTestId('after-session');
    expect(within(panel).getByRole('link', { name: 'your side’s private workspace' }).getAttribute('href')).toBe('#my-side-heading');
  });

  it('is hidden from a party and when no debrief is open', async () => {
    const base = debriefCase();
    renderCasePage(withRoles(base, [{ role: 'PARTY', sideId: base.sides[0]!.id }]));
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByTestId('after-session')).toBeNull();
  });
});

describe('what to do next', () => {
  it('ranks the paths with their reasons and folds the excluded ones with why', async () => {
    renderCasePage(debriefCase());
    const panel = await screen.findByTestId('recommendations');
    const paths = within(panel).getAllByTestId('recommended-path');
    expect(paths.map((p) => p.getAttribute('data-path'))).toEqual(['NEGOTIATE', 'REMEDIATE_NEW']);
    expect(within(paths[0]!).getByText('The gap between offers is small.')).toBeTruthy();
    expect(within(paths[0]!).getByText('Recommended')).toBeTruthy();
    const excluded = within(panel).getByTestId('excluded-paths');
    expect(excluded.tagName).toBe('DETAILS');
    expect((excluded as HTMLDetailsElement).open).toBe(false);
    expect(within(excluded).getByTestId('excluded-path').textContent).toContain('There is no arbitration clause or stipulation.');
  });

  it('sends the recommended event only when it is allowed, after a confirmation', async () => {
    const page = renderCasePage(debriefCase());
    const panel = await screen.findByTestId('recommendations');
    // REMEDIATE is not in allowedEvents: no button for it.
    expect(within(panel).queryByRole('button', { name: /Re-mediate/ })).toBeNull();
    await userEvent.click(within(panel).getByRole('button', { name: 'Choose: Negotiate directly' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'Confirm: Negotiate directly' }));
    expect(page.sent('TransitionCase').map((o) => (o.variables as { event: unknown }).event)).toEqual([{ startNegotiation: true }]);
  });

  it('builds path events from the schema', () => {
    expect(pathEventInput({ type: 'REMEDIATE', mediator: 'NEW', binding: null })).toEqual({ remediate: { mediator: 'NEW' } });
    expect(pathEventInput({ type: 'START_ARBITRATION', mediator: null, binding: false })).toEqual({ startArbitration: { binding: false } });
    expect(pathEventInput({ type: 'START_ARBITRATION', mediator: null, binding: null })).toBeNull();
    expect(pathEventInput({ type: 'NOT_AN_EVENT', mediator: null, binding: null })).toBeNull();
  });
});

describe('the playbook', () => {
  it('shows progress and ticks an item through setPlaybookItemDone', async () => {
    const page = renderCasePage(debriefCase());
    const panel = await screen.findByTestId('playbook');
    expect(within(panel).getByTestId('playbook-progress').textContent).toBe('3 of 7 done');
    expect(within(panel).getByRole('heading', { name: 'Process checklist: Negotiate' })).toBeTruthy();
    expect(within(panel).getByTestId('visible-to').textContent).toBe('Visible to: the mediator and every side’s counsel and parties');
    await userEvent.click(within(panel).getByRole('checkbox', { name: 'Step 4' }));
    expect(page.sent('SetPlaybookItemDone').map((o) => o.variables)).toEqual([{ caseId: page.current().id, itemId: 'item-3', done: true }]);
    await userEvent.click(within(panel).getByRole('checkbox', { name: 'Step 1' }));
    expect(page.sent('SetPlaybookItemDone')[1]!.variables).toEqual({ caseId: page.current().id, itemId: 'item-0', done: false });
  });

  it('is read-only for a viewer without the PLAYBOOK edit', async () => {
    const base = debriefCase();
    renderCasePage({ ...withRoles(base, [{ role: 'PARTY', sideId: base.sides[0]!.id }]), allowedEdits: [] });
    const panel = await screen.findByTestId('playbook');
    expect(within(panel).getAllByRole('checkbox').every((box) => (box as HTMLInputElement).disabled)).toBe(true);
  });
});

describe('the side’s strategy checklist', () => {
  const strategy = (sideId: string, done: boolean) => ({
    data: {
      case: {
        __typename: 'Case',
        id: 'strategy-case',
        myStrategy: {
          __typename: 'SideStrategy',
          sideId,
          path: 'NEGOTIATE',
          done: done ? 1 : 0,
          total: 2,
          items: [
            { __typename: 'PlaybookItem', id: 'pi.medical-records', label: 'Collect the additional medical records and bills', kind: 'STRATEGY', done, doneAt: null },
            { __typename: 'PlaybookItem', id: 'pi.depositions', label: 'Take the depositions that decide liability and damages', kind: 'STRATEGY', done: false, doneAt: null },
          ],
        },
      },
    },
  });

  it('shows counsel their own side’s strategy, says who sees it, and ticks it for that side', async () => {
    const base = debriefCase();
    const side = base.sides[0]!.id;
    const page = renderCasePage(withRoles(base, [{ role: 'COUNSEL', sideId: side }]), undefined, { MyStrategy: (v) => strategy(String(v.sideId), false) });
    const panel = await screen.findByTestId('strategy');
    expect(within(panel).getByRole('heading', { name: 'Our strategy: Negotiate' })).toBeTruthy();
    expect(within(panel).getByTestId('visible-to').textContent).toBe('Visible to: your side only');
    expect(within(panel).getByTestId('strategy-progress').textContent).toBe('0 of 2 done');
    await userEvent.click(within(panel).getByRole('checkbox', { name: 'Collect the additional medical records and bills' }));
    expect(page.sent('SetStrategyItemDone').map((o) => o.variables)).toEqual([{ caseId: page.current().id, itemId: 'pi.medical-records', done: true, sideId: side }]);
  });

  it('is not there for the mediator', async () => {
    renderCasePage(debriefCase(), undefined, { MyStrategy: () => strategy('nobody', false) });
    await screen.findByTestId('playbook');
    expect(screen.queryByTestId('strategy')).toBeNull();
  });
});

describe('axe', () => {
  it('finds no serious violation on a case page with the debrief, recommendations and playbook', async () => {
    renderCasePage(debriefCase());
    await screen.findByTestId('after-session');
    await userEvent.click(screen.getByRole('button', { name: 'Name the owner of the next outreach' }));
    (screen.getByTestId('excluded-paths') as HTMLDetailsElement).open = true;
    expect(await seriousViolations()).toEqual([]);
  });
});
