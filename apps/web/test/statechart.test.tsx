import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StateOutline } from '@impasse/case-machine';
import { StatechartDiagram } from '../src/modules/statechart/components/StatechartDiagram';
import { outlineOf } from './support/factories';

function chart(): StateOutline {
  const outline = outlineOf({
    resolution: { intake: [], mediation: ['scheduled', 'inSession'], impasse: [] },
    litigation: { notFiled: [], pleadings: [] },
  });
  const inSession = outline.children[0]!.children[1]!.children[1]!;
  inSession.transitions = [
    { event: 'RECORD_OUTCOME', targets: ['case.resolution.impasse', 'case.resolution.impasse', 'case.resolution.intake'] },
  ];
  const intake = outline.children[0]!.children[0]!;
  intake.transitions = [{ event: 'SCHEDULE_MEDIATION', targets: ['case.resolution.mediation.scheduled'] }];
  return outline;
}

describe('StatechartDiagram', () => {
  it('lights the current state of each region and outlines its parents', () => {
    const { container } = render(
      <StatechartDiagram outline={chart()} current={{ resolution: 'mediation.inSession', litigation: 'pleadings' }} />,
    );
    const current = [...container.querySelectorAll('[aria-current="true"]')].map((el) => el.getAttribute('data-state-id'));
    expect(current).toEqual(['case.resolution.mediation.inSession', 'case.litigation.pleadings']);
    const mediation = container.querySelector('[data-state-id="case.resolution.mediation"]');
    expect(mediation?.classList.contains('chart__state--active')).toBe(true);
    expect(mediation?.hasAttribute('aria-current')).toBe(false);
    expect(screen.getByRole('list', { name: 'Legend' })).toBeTruthy();
  });

  it('shows the events leaving the current state, and every state’s on request', async () => {
    render(<StatechartDiagram outline={chart()} current={{ resolution: 'mediation.inSession', litigation: 'notFiled' }} />);
    const events = screen.getByRole('list', { name: 'Events from In session' });
    expect(within(events).getByRole('listitem').textContent).toBe('Record outcome → leads to Impasse or Intake');
    expect(screen.queryByRole('list', { name: 'Events from Intake' })).toBeNull();

    await userEvent.click(screen.getByLabelText('Show the events of every state'));
    expect(screen.getByRole('list', { name: 'Events from Intake' }).textContent).toContain('Schedule mediation');
  });
});
