import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { SessionProvider } from '../../src/modules/auth/hooks/useAuth';
import { InvitationPage } from '../../src/modules/invitations/components/InvitationPage';
import type { InvitationView } from '../../src/modules/invitations/graphql/invitation';
import { apiFailure, createTestClient, type Responder } from './client';

/** An invitation as `invitation(token)` answers it. */
export function invitation(patch: Partial<InvitationView> = {}): InvitationView {
  return {
    __typename: 'Invitation',
    caseCaption: 'Alvarez v. Northgate Logistics',
    sideLabel: 'Rosa Alvarez',
    role: 'PARTY',
    email: 'rosa@example.test',
    displayName: 'Rosa Alvarez',
    expired: false,
    used: false,
    expiresAt: '2026-03-08T10:00:00Z',
    ...patch,
  } as InvitationView;
}

export function renderInvitation(inv: InvitationView | null, me: { id: string; email: string; displayName: string } | null = null, onAccept?: Responder) {
  const api = createTestClient((op) => {
    if (op.name === 'Me') return { data: { me: me ? { __typename: 'Me', ...me } : null } };
    if (op.name === 'Invitation') return inv ? { data: { invitation: inv } } : apiFailure('NOT_FOUND', 'This invitation does not exist.');
    if (op.name === 'AcceptInvitation' && onAccept) return onAccept(op);
    throw new Error(`unexpected ${op.name}`);
  });
  render(
    <SessionProvider makeClient={() => api.client}>
      <MemoryRouter initialEntries={['/invite/tok-1']}>
        <Routes>
          <Route path="/invite/:token" element={<InvitationPage />} />
          <Route path="/cases/:id" element={<p>Case page of the test</p>} />
          <Route path="/sign-in" element={<p>Sign-in page of the test</p>} />
        </Routes>
      </MemoryRouter>
    </SessionProvider>,
  );
  return api;
}

