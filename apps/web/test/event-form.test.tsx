import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CASE_EVENT_TYPES } from '../src/generated/schema';
import type { CaseDetail, IssueView } from '../src/modules/cases/graphql/case';
import { buildEventInput, eventForm, fieldLabel, initialValues } from '../src/modules/cases/lib/eventForm';
import { eventSending, NOT_SENT_AS_EVENTS } from '../src/modules/cases/lib/events';
import { apiFailure } from './support/client';
import { renderCasePage } from './support/case-page';
import { newCaseDetail, withRoles } from './support/factories';

const issue = (id: string, label: string, status: IssueView['status'] = 'OPEN'): IssueView =>
  ({ __typename: 'Issue', id, label, description: null, status }) as IssueView;

/** The case page; every TransitionCase is recorded and accepted (or answered by `answer`). */
function renderWithEvents(item: CaseDetail, answer?: () => ReturnType<typeof apiFailure>) {
  const api = renderCasePage(item, (name) => {
    if (name !== 'TransitionCase') throw new Error(`unexpected mutation ${name}`);
    return answer?.();
  });
  const events = () => api.sent('TransitionCase').map((o) => (o.variables as { event: unknown }).event);
  return { ...api, events };
}

async function openStep(name: string) {
  const steps = await screen.findByRole('region', { name: 'Next steps' });
  await userEvent.click(within(steps).getByRole('button', { name }));
  return screen.getByRole('form', { name });
}

describe('the event form', () => {
  it('sends an enum as its value, chosen from human labels in the statechart’s order', async () => {
    const api = renderWithEvents(newCaseDetail({ allowedEvents: ['RECORD_STALL_REASON'] }));
    const form = await openStep('Record stall reason');
    expect(form.getAttribute('data-testid')).toBe('event-form');
    const reason = within(form).getByLabelText('Reason') as HTMLSelectElement;
    expect(document.activeElement).toBe(reason);
    expect([...reason.options].map((o) => o.textContent).slice(0, 4)).toEqual([
      'Choose…',
      'Lacked information',
      'Unrealistic expectations',
      'No authority present',
    ]);
    await userEvent.selectOptions(reason, 'Timing');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    expect(api.events()).toEqual([{ recordStallReason: { reason: 'TIMING' } }]);
    expect(await screen.findByText('Done: Record stall reason.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Record stall reason' })).toBeNull();
  });

  it('names a required field left empty, focuses it, and sends nothing', async () => {
    const api = renderWithEvents(newCaseDetail({ allowedEvents: ['RECORD_STALL_REASON'] }));
    const form = await openStep('Record stall reason');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    const reason = within(form).getByLabelText('Reason');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Choose the reason.')).toBeTruthy();
    expect(document.activeElement).toBe(reason);
    expect(api.events()).toEqual([]);
  });

  it('sends a date as YYYY-MM-DD and an owner chosen among the participants', async () => {
    const item = newCaseDetail({ allowedEvents: ['ASSIGN_OUTREACH_OWNER'], state: { resolution: 'impasse', litigation: 'notFiled', done: false } });
    const api = renderWithEvents(item);
    const form = await openStep('Assign outreach owner');
    const owner = within(form).getByLabelText('Owner of the next outreach') as HTMLSelectElement;
    expect([...owner.options].map((o) => o.textContent)).toEqual([
      'Choose a person…',
      'Maya Okafor · Mediator',
      'Daniel Reyes · Counsel for Ada Claimant',
      'Priya Shah · Counsel for Bo Respondent Inc.',
    ]);
    const date = within(form).getByLabelText('Next touchpoint') as HTMLInputElement;
    expect(date.type).toBe('date');

    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    expect(within(form).getByText('Choose the owner of the next outreach.')).toBeTruthy();
    expect(within(form).getByText('Enter the next touchpoint date.')).toBeTruthy();

    await userEvent.selectOptions(owner, 'Daniel Reyes · Counsel for Ada Claimant');
    await userEvent.type(date, '2026-04-10');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    expect(api.events()).toEqual([{ assignOutreachOwner: { ownerId: `${item.id}-p-a`, touchpointDate: '2026-04-10' } }]);
  });

  it('chooses the viewer’s own side for counsel, and sends the answer of the button pressed', async () => {
    const item = newCaseDetail({ allowedEvents: ['ANSWER_PROPOSAL'] });
    const [, theirs] = item.sides;
    Object.assign(item, withRoles(item, [{ role: 'COUNSEL', sideId: theirs!.id }]));
    const api = renderWithEvents(item);
    const form = await openStep('Answer proposal');
    const side = within(form).getByLabelText('Side') as HTMLSelectElement;
    expect(side.value).toBe(theirs!.id);
    expect(side.selectedOptions[0]?.textContent).toBe('Bo Respondent Inc. (your side)');
    const answer = within(form).getByRole('group', { name: 'Your side’s answer' });
    expect(within(answer).getAllByRole('button').map((b) => b.textContent)).toEqual(['Accept', 'Reject', 'Cancel']);
    await userEvent.click(within(answer).getByRole('button', { name: 'Accept' }));
    expect(api.events()).toEqual([{ answerProposal: { sideId: theirs!.id, answer: 'ACCEPT' } }]);
  });

  it('leaves the side to the mediator to choose', async () => {
    const api = renderWithEvents(newCaseDetail({ allowedEvents: ['WITHDRAW_SIDE'] }));
    const form = await openStep('Withdraw side');
    expect((within(form).getByLabelText('Side') as HTMLSelectElement).value).toBe('');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    expect(within(form).getByText('Choose the side.')).toBeTruthy();
    expect(api.events()).toEqual([]);
  });

  it('lists only the open issues as checkboxes, and sends the ones ticked', async () => {
    const api = renderWithEvents(
      newCaseDetail({
        allowedEvents: ['AGREE_ISSUES'],
        issues: [issue('i1', 'Custody schedule'), issue('i2', 'Child support'), issue('i3', 'Home', 'AGREED')],
      }),
    );
    const form = await openStep('Agree issues');
    const group = within(form).getByRole('group', { name: 'Issues now agreed' });
    expect(within(group).getAllByRole('checkbox').map((c) => (c as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
      'Custody schedule',
      'Child support',
    ]);
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    expect(within(form).getByText('Choose at least one.')).toBeTruthy();
    expect(api.events()).toEqual([]);

    await userEvent.click(within(group).getByLabelText('Child support'));
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    expect(api.events()).toEqual([{ agreeIssues: { issueIds: ['i2'] } }]);
  });

  it('says when there is no open issue to choose, and cannot be sent', async () => {
    renderWithEvents(newCaseDetail({ allowedEvents: ['WITHDRAW_ISSUE'], issues: [issue('i3', 'Home', 'AGREED')] }));
    const form = await openStep('Withdraw issue');
    expect(within(form).getByText('There is no open issue to choose from.')).toBeTruthy();
    expect((within(form).getByRole('button', { name: 'Confirm' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('records a partial agreement with the issues ticked, through the outcome buttons', async () => {
    const api = renderWithEvents(
      newCaseDetail({
        version: 4,
        allowedEvents: ['RECORD_OUTCOME'],
        issues: [issue('i1', 'Liability'), issue('i2', 'Damages')],
      }),
    );
    const form = await openStep('Record outcome');
    expect(form.textContent).toContain(
      '“Settled” needs no open issue left; “Partial agreement” needs at least one agreed and one open issue; “No agreement” agrees nothing.',
    );
    await userEvent.click(within(form).getByLabelText('Liability'));
    const choice = within(form).getByRole('group', { name: 'How did the session end?' });
    await userEvent.click(within(choice).getByRole('button', { name: 'Partial agreement' }));
    expect(api.events()).toEqual([{ recordOutcome: { agreedIssueIds: ['i1'], outcome: 'PARTIAL_AGREEMENT' } }]);
  });

  it('adds an issue with its label, trimmed', async () => {
    const api = renderWithEvents(newCaseDetail({ allowedEvents: ['ADD_ISSUE'] }));
    const form = await openStep('Add issue');
    await userEvent.type(within(form).getByLabelText('Label'), '  Child support {Enter}');
    expect(api.events()).toEqual([{ addIssue: { label: 'Child support' } }]);
  });

  it('sends a Boolean payload field as the checkbox says', async () => {
    const api = renderWithEvents(newCaseDetail({ allowedEvents: ['START_ARBITRATION'] }));
    let form = await openStep('Start arbitration');
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    form = await openStep('Start arbitration');
    await userEvent.click(within(form).getByLabelText('Binding award'));
    await userEvent.click(within(form).getByRole('button', { name: 'Confirm' }));
    expect(api.events()).toEqual([{ startArbitration: { binding: false } }, { startArbitration: { binding: true } }]);
  });

  it('keeps the form open and shows the api’s message when it refuses the payload', async () => {
    renderWithEvents(newCaseDetail({ allowedEvents: ['ADD_ISSUE'] }), () =>
      apiFailure('BAD_USER_INPUT', 'event.addIssue: label must be at most 200 characters.'),
    );
    const form = await openStep('Add issue');
    await userEvent.type(within(form).getByLabelText('Label'), 'x{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('That step was not recorded');
    expect(alert.textContent).toContain('event.addIssue: label must be at most 200 characters.');
    expect(screen.getByRole('form', { name: 'Add issue' })).toBeTruthy();
  });

  it('closes on Cancel and gives the focus back to its step', async () => {
    renderWithEvents(newCaseDetail({ allowedEvents: ['RECORD_STALL_REASON'] }));
    const form = await openStep('Record stall reason');
    const step = screen.getByRole('button', { name: 'Record stall reason' });
    expect(step.getAttribute('aria-expanded')).toBe('true');
    expect(step.getAttribute('aria-controls')).toBe(form.id);
    await userEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Record stall reason' })).toBeNull();
    expect(document.activeElement).toBe(step);
    expect(step.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('the event forms, built from the generated schema table', () => {
  const ctx = newCaseDetail({ issues: [issue('i1', 'Liability'), issue('i2', 'Damages')] });

  it('can send every event the api names (none is left to a hand-written list)', () => {
    const unsendable = CASE_EVENT_TYPES.filter((event) => !NOT_SENT_AS_EVENTS.has(event) && eventSending(event).kind === 'unavailable');
    expect(unsendable).toEqual([]);
    // The others are exactly the api's: signatures (signAgreement) and its own record of the text.
    expect(CASE_EVENT_TYPES.filter((event) => eventSending(event).kind === 'unavailable')).toEqual([...NOT_SENT_AS_EVENTS].sort());
  });

  it.each(CASE_EVENT_TYPES.filter((event) => !NOT_SENT_AS_EVENTS.has(event) && eventSending(event).kind === 'payload'))(
    '%s: a filled-in form makes exactly one CaseEventInput field',
    (event) => {
      const form = eventForm(event, ctx)!;
      const values = initialValues(form, ctx);
      for (const field of form.fields) {
        const widget = field.widget;
        if (widget.type === 'select') values[field.name] = widget.options[0]?.value ?? '';
        if (widget.type === 'checklist') values[field.name] = widget.options.slice(0, 1).map((o) => o.value);
        if (widget.type === 'date') values[field.name] = '2026-05-01';
        if (widget.type === 'text') values[field.name] = 'Something';
      }
      const choice = form.choice?.widget.type === 'choice' ? form.choice.widget.options[0]?.value : undefined;
      const built = buildEventInput(form, values, choice);
      expect(built.ok).toBe(true);
      expect(built.ok && Object.keys(built.input)).toEqual([form.field]);
    },
  );

  it('labels fields it has no spelling for from their names', () => {
    expect(fieldLabel('touchpointDate')).toBe('Next touchpoint');
    expect(fieldLabel('reviewerId')).toBe('Reviewer');
    expect(fieldLabel('exhibitIds')).toBe('Exhibits');
    expect(fieldLabel('hearingDate')).toBe('Hearing date');
  });
});
