import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { Provider } from 'urql';
import { PipelinePage } from '../src/modules/pipeline/components/PipelinePage';
import { sortCases } from '../src/modules/pipeline/lib/sorting';
import { apiFailure, createTestClient, type Responder } from './support/client';
import { newCase } from './support/factories';

function renderPipeline(respond: Responder, path = '/') {
  const api = createTestClient(respond);
  render(
    <Provider value={api.client}>
      <MemoryRouter initialEntries={[path]}>
        <PipelinePage />
      </MemoryRouter>
    </Provider>,
  );
  return api;
}

const alvarez = newCase({
  caption: 'Alvarez v. Northgate Logistics',
  docketNumber: '2026-CV-01482',
  disputeType: 'PERSONAL_INJURY',
  updatedAt: '2026-03-03T10:00:00Z',
  state: { resolution: 'intake', litigation: 'notFiled', done: false },
});
const chen = newCase({
  caption: 'In re Marriage of Chen and Brooks',
  docketNumber: '2026-FL-00317',
  disputeType: 'FAMILY',
  updatedAt: '2026-03-01T10:00:00Z',
  state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false },
});
const harbor = newCase({
  caption: 'Harbor & Finch Partners dissolution',
  docketNumber: null,
  disputeType: 'BUSINESS',
  updatedAt: '2026-03-02T10:00:00Z',
  state: { resolution: 'impasse', litigation: 'notFiled', done: false },
});

const captionsInTable = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('link').textContent);

describe('the pipeline', () => {
  it('says it is loading while the api has not answered', async () => {
    renderPipeline(() => 'pending');
    expect(screen.getByRole('status').textContent).toContain('Loading cases');
  });

  it('says when there are no cases yet', async () => {
    renderPipeline(() => ({ data: { cases: { edges: [] } } }));
    expect(await screen.findByText('No cases yet')).toBeTruthy();
  });

  it('shows the api’s message when the cases cannot be loaded, with a way to retry', async () => {
    let fail = true;
    const api = renderPipeline(() => (fail ? apiFailure('INTERNAL_SERVER_ERROR', 'Something went wrong on our side.') : { data: { cases: { edges: [{ node: alvarez }] } } }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong on our side.');
    fail = false;
    const before = api.sent('Cases').length;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Alvarez v. Northgate Logistics' })).toBeTruthy();
    expect(api.sent('Cases').length).toBeGreaterThan(before);
  });

  it('switches between Board and Table, keeping each case a link named by its caption', async () => {
    renderPipeline(() => ({ data: { cases: { edges: [{ node: alvarez }, { node: chen }, { node: harbor }] } } }));
    const board = await screen.findByRole('tab', { name: 'Board' });
    expect(board.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('link', { name: 'In re Marriage of Chen and Brooks' }).getAttribute('href')).toBe(`/cases/${chen.id}`);
    expect(screen.queryByRole('table')).toBeNull();

    await userEvent.click(screen.getByRole('tab', { name: 'Table' }));
    expect(screen.getByRole('tab', { name: 'Table' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('table')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Alvarez v. Northgate Logistics' }).getAttribute('href')).toBe(`/cases/${alvarez.id}`);
  });

  it('moves between the tabs with the arrow keys', async () => {
    renderPipeline(() => ({ data: { cases: { edges: [{ node: alvarez }] } } }));
    const board = await screen.findByRole('tab', { name: 'Board' });
    board.focus();
    await userEvent.keyboard('{ArrowRight}');
    const table = screen.getByRole('tab', { name: 'Table' });
    expect(table.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(table);
  });

  it('sorts the table by a column, newest first by default, reversing on a second press', async () => {
    renderPipeline(() => ({ data: { cases: { edges: [{ node: chen }, { node: harbor }, { node: alvarez }] } } }), '/?view=table');
    await screen.findByRole('table');
    expect(captionsInTable()).toEqual([alvarez.caption, harbor.caption, chen.caption]);
    expect(screen.getByRole('columnheader', { name: /Updated/ }).getAttribute('aria-sort')).toBe('descending');

    await userEvent.click(screen.getByRole('button', { name: /^State/ }));
    // by the statechart's order, not the alphabet: intake, mediation, impasse
    expect(captionsInTable()).toEqual([alvarez.caption, chen.caption, harbor.caption]);
    expect(screen.getByRole('columnheader', { name: /State/ }).getAttribute('aria-sort')).toBe('ascending');

    await userEvent.click(screen.getByRole('button', { name: /^State/ }));
    expect(captionsInTable()).toEqual([harbor.caption, chen.caption, alvarez.caption]);

    await userEvent.click(screen.getByRole('button', { name: /^Caption/ }));
    expect(captionsInTable()).toEqual([alvarez.caption, harbor.caption, chen.caption]);
  });
});

describe('sortCases', () => {
  it('puts cases without a docket number last, whichever the direction', () => {
    const paths: string[] = [];
    const asc = sortCases([harbor, chen, alvarez], { key: 'docket', direction: 'ascending' }, paths);
    const desc = sortCases([harbor, chen, alvarez], { key: 'docket', direction: 'descending' }, paths);
    expect(asc.map((c) => c.docketNumber)).toEqual(['2026-CV-01482', '2026-FL-00317', null]);
    expect(desc.map((c) => c.docketNumber)).toEqual(['2026-FL-00317', '2026-CV-01482', null]);
  });
});
