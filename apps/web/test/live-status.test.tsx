import { describe, expect, it } from '@jest/globals';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { Provider } from 'urql';
import type { CaseDetail } from '../src/modules/cases/graphql/case';
import { createLiveEvents, LiveContext } from '../src/modules/live/live';
import { PipelinePage } from '../src/modules/pipeline/components/PipelinePage';
import { renderCasePage } from './support/case-page';
import { createTestClient } from './support/client';
import { newCaseDetail, withRoles } from './support/factories';

const indicator = () => screen.getByTestId('live-status');

async function caseOnScreen(item: CaseDetail = newCaseDetail()) {
  const api = renderCasePage(item);
  await screen.findByTestId('resolution-state');
  act(() => {
    api.push('CaseChanged', { data: { caseChanged: item } });
  });
  return api;
}

describe('the live indicator on the case page', () => {
  it('says live while the socket is connected and the subscription delivers', async () => {
    const api = await caseOnScreen();
    act(() => api.live.setStatus('live'));
    expect(indicator().getAttribute('data-state')).toBe('live');
    expect(indicator().textContent).toMatch(/^Live/);
  });

  it('says offline, in words, in a polite live region, while the socket is down, and live again when it is back', async () => {
    const api = await caseOnScreen();
    act(() => api.live.setStatus('live'));
    act(() => api.live.setStatus('offline'));
    const status = indicator();
    expect(status.getAttribute('data-state')).toBe('offline');
    expect(status.textContent).toContain('Offline');
    expect(status.textContent).not.toMatch(/^Live/);
    // Announced without moving focus: role status is an implicit polite live region.
    expect(status.getAttribute('role')).toBe('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(screen.getAllByRole('status')).toContain(status);

    act(() => api.live.setStatus('live'));
    expect(indicator().getAttribute('data-state')).toBe('live');
  });

  it('says offline even though the last push came in before the socket went down', async () => {
    const api = await caseOnScreen();
    act(() => api.live.setStatus('offline'));
    expect(indicator().getAttribute('data-state')).toBe('offline');
  });
});

describe('when the live socket reconnects, the case page', () => {
  const base = newCaseDetail({ courtOrdered: true });
  const viewers: [string, CaseDetail][] = [
    ['the mediator', base],
    ['counsel', withRoles(base, [{ role: 'COUNSEL', sideId: base.sides[0]!.id }])],
    ['a program administrator', withRoles(base, [{ role: 'PROGRAM_ADMIN', sideId: null }])],
  ];

  it.each(viewers)('asks the network again for every query it shows (as %s): the case and each panel of its own', async (_who, item) => {
    const api = renderCasePage(item);
    await screen.findByTestId('resolution-state');
    // Every panel has asked for its data.
    await waitFor(() => expect(api.operations.filter((o) => o.kind === 'query').length).toBeGreaterThan(1));
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const shown = [...new Set(api.operations.filter((o) => o.kind === 'query').map((o) => o.name))];
    expect(shown).toContain('Case');
    const before = api.operations.length;

    act(() => api.live.reconnected());
    await waitFor(() => {
      const again = new Set(api.operations.slice(before).filter((o) => o.kind === 'query' && o.context.requestPolicy === 'network-only').map((o) => o.name));
      expect([...again].sort()).toEqual([...shown].sort());
    });
    cleanup();
  }, 20_000);
});

describe('the live indicator on the pipeline', () => {
  function renderPipeline() {
    const api = createTestClient((operation) => {
      if (operation.name === 'Cases') return { data: { cases: { __typename: 'CaseConnection', edges: [], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null } } } };
      throw new Error(`unexpected operation ${operation.name}`);
    });
    const live = createLiveEvents();
    render(
      <Provider value={api.client}>
        <LiveContext.Provider value={live}>
          <MemoryRouter>
            <PipelinePage />
          </MemoryRouter>
        </LiveContext.Provider>
      </Provider>,
    );
    return { ...api, live };
  }

  it('follows the socket: live, then offline in words while it is down, then live again', async () => {
    const api = renderPipeline();
    await screen.findByText('No cases yet');
    act(() => api.live.setStatus('live'));
    expect(indicator().getAttribute('data-state')).toBe('live');
    act(() => api.live.setStatus('offline'));
    expect(indicator().getAttribute('data-state')).toBe('offline');
    expect(indicator().textContent).toContain('Offline');
    expect(indicator().getAttribute('role')).toBe('status');
    act(() => api.live.setStatus('live'));
    expect(indicator().getAttribute('data-state')).toBe('live');
  });

  it('says live updates are off when the subscription fails', async () => {
    const api = renderPipeline();
    await screen.findByText('No cases yet');
    act(() => api.live.setStatus('live'));
    act(() => {
      api.push('PipelineChanged', { data: null, errors: [{ message: 'Not signed in.', extensions: { code: 'FORBIDDEN' } }] });
    });
    expect(indicator().getAttribute('data-state')).toBe('off');
  });
});
