import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { Provider } from 'urql';
import { AppRoutes } from '../src/app/AppRoutes';
import { SessionProvider } from '../src/modules/auth/hooks/useAuth';
import { CasePage } from '../src/modules/cases/components/CasePage';
import { PipelinePage } from '../src/modules/pipeline/components/PipelinePage';
import { createTestClient } from './support/client';
import { newCase, newCaseDetail } from './support/factories';

/** Serious and critical axe violations of the page (contrast is checked in a real browser). */
async function seriousViolations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const cases = [
  newCase({ caption: 'Alvarez v. Northgate', courtOrdered: true }),
  newCase({ caption: 'Chen v. Brooks', state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false } }),
];

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
      <Provider value={createTestClient(() => ({ data: { cases: { edges: cases.map((node) => ({ node })) } } })).client}>
        <MemoryRouter initialEntries={[path]}>
          <PipelinePage />
        </MemoryRouter>
      </Provider>,
    );
    await screen.findByRole('link', { name: 'Chen v. Brooks' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('on a case page with actions, a disabled step and a timeline', async () => {
    const item = newCaseDetail({
      allowedEvents: ['START_SESSION', 'RECORD_OUTCOME', 'ADD_ISSUE'],
      state: { resolution: 'mediation.scheduled', litigation: 'notFiled', done: false },
      timeline: [
        { id: 't1', seq: 1, type: 'CASE_OPENED', actorName: 'Maya Okafor', summary: 'Case opened', at: '2026-03-01T09:00:00Z', fromState: null, toState: { resolution: 'intake', litigation: 'notFiled' } },
      ],
    });
    render(
      <Provider value={createTestClient(() => ({ data: { case: item } })).client}>
        <MemoryRouter initialEntries={[`/cases/${item.id}`]}>
          <Routes>
            <Route path="/cases/:id" element={<CasePage />} />
          </Routes>
        </MemoryRouter>
      </Provider>,
    );
    await screen.findByRole('heading', { level: 1 });
    expect(await seriousViolations()).toEqual([]);
  });
});
