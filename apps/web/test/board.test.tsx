import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { CaseBoard } from '../src/modules/pipeline/components/CaseBoard';
import { groupByStage } from '../src/modules/pipeline/lib/board';
import { CASE_OUTLINE, stagesOf, statePathsOf } from '../src/modules/statechart/lib/outline';
import { newCase, outlineOf } from './support/factories';

const chart = outlineOf({
  resolution: { intake: [], mediation: ['scheduled', 'inSession'], impasse: [], resolved: ['settled'] },
  litigation: { notFiled: [], pleadings: [] },
});

describe('groupByStage', () => {
  it('makes one column per top-level stage, in the statechart’s order, empty ones included', () => {
    const cases = [
      newCase({ state: { resolution: 'impasse', litigation: 'notFiled', done: false } }),
      newCase({ state: { resolution: 'mediation.inSession', litigation: 'notFiled', done: false } }),
      newCase({ state: { resolution: 'intake', litigation: 'notFiled', done: false } }),
      newCase({ state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false } }),
    ];
    const columns = groupByStage(cases, stagesOf('resolution', chart));
    expect(columns.map((c) => c.stage)).toEqual(['intake', 'mediation', 'impasse', 'resolved']);
    expect(columns.map((c) => c.cases.map((x) => x.state.resolution))).toEqual([
      ['intake'],
      ['mediation.inSession', 'mediation.scheduled'],
      ['impasse'],
      [],
    ]);
  });

  it('keeps the cases of a stage the chart does not know, in a column at the end', () => {
    const stray = newCase({ state: { resolution: 'somethingNew.waiting', litigation: 'notFiled', done: false } });
    const columns = groupByStage([stray], stagesOf('resolution', chart));
    expect(columns.at(-1)).toEqual({ stage: 'somethingNew', cases: [stray] });
  });

  it('takes its columns from the real statechart, not from a list in the web', () => {
    const stages = stagesOf('resolution');
    const resolution = CASE_OUTLINE.children.find((r) => r.key === 'resolution');
    expect(stages).toEqual(resolution?.children.map((s) => s.key));
    expect(stages.indexOf('intake')).toBeLessThan(stages.indexOf('mediation'));
    expect(stages.indexOf('mediation')).toBeLessThan(stages.indexOf('impasse'));
    expect(statePathsOf('resolution')).toContain('mediation.scheduled');
  });
});

describe('CaseBoard', () => {
  it('shows columns in statechart order with each case under its stage, linked by caption', () => {
    const scheduled = newCase({
      caption: 'Chen v. Brooks',
      state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false },
    });
    const fresh = newCase({ caption: 'Alvarez v. Northgate', state: { resolution: 'intake', litigation: 'notFiled', done: false } });
    render(
      <MemoryRouter>
        <CaseBoard cases={[scheduled, fresh]} stages={stagesOf('resolution', chart)} />
      </MemoryRouter>,
    );
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.childNodes[0]?.textContent);
    expect(headings).toEqual(['Intake', 'Mediation', 'Impasse', 'Resolved']);

    const mediation = screen.getByRole('region', { name: /^Mediation/ });
    const link = within(mediation).getByRole('link', { name: 'Chen v. Brooks' });
    expect(link.getAttribute('href')).toBe(`/cases/${scheduled.id}`);
    expect(within(mediation).queryByRole('link', { name: 'Alvarez v. Northgate' })).toBeNull();
    expect(within(screen.getByRole('region', { name: /^Resolved/ })).getByText('No cases')).toBeTruthy();
  });
});
