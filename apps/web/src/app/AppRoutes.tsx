import { Route, Routes } from 'react-router-dom';
import { RequireAuth } from '../modules/auth/components/RequireAuth';
import { SignInPage } from '../modules/auth/components/SignInPage';
import { ForgotPasswordPage } from '../modules/auth/components/ForgotPasswordPage';
import { ResetPasswordPage } from '../modules/auth/components/ResetPasswordPage';
import { InvitationPage } from '../modules/invitations/components/InvitationPage';
import { CasePage } from '../modules/cases/components/CasePage';
import { PipelinePage } from '../modules/pipeline/components/PipelinePage';
import { DeadlinesPage } from '../modules/deadlines/components/DeadlinesPage';
import { CalendarFeedPanel } from '../modules/inbox/components/CalendarFeedPanel';
import { InboxPage } from '../modules/inbox/components/InboxPage';
import { ReportsPage } from '../modules/reports/components/ReportsPage';
import { CourtReportPrintPage } from '../modules/court-filings/components/CourtReportPrintPage';
import { OutboxPage } from '../modules/mail/components/OutboxPage';
import { SettingsPage } from '../modules/mail/components/SettingsPage';
import { UnsubscribePage } from '../modules/mail/components/UnsubscribePage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/invite/:token" element={<InvitationPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
      <Route path="/mail/unsubscribe/:token" element={<UnsubscribePage />} />
      <Route element={<RequireAuth />}>
        {/* A report to the court on a page of its own, without the app's frame: what prints is the report. */}
        <Route path="cases/:id/court-reports/:reportId" element={<CourtReportPrintPage />} />
        <Route element={<AppLayout />}>
          <Route index element={<PipelinePage />} />
          <Route path="cases/:id" element={<CasePage />} />
          <Route path="deadlines" element={<DeadlinesPage feed={<CalendarFeedPanel />} />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="outbox" element={<OutboxPage />} />
          <Route path="settings" element={<SettingsPage />} />
        </Route>
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
