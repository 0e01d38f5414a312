import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Typography } from '@mui/material';
import { AppShell } from './shell/app-shell';
import { RoleLanding } from './shell/role-landing';
import { contactsPage, designerPage, flowListPage } from './shell/page-imports';

// Every page loads on demand, so the first bundle is the shell alone (mobile Lighthouse, issues 7
// and 8). The designer pulls in @xyflow/react, which no other page needs.
const FlowListPage = flowListPage.Page;
const AuditPage = lazy(() => import('./audit/audit-page').then((m) => ({ default: m.AuditPage })));
const StatusPage = lazy(() => import('./shell/status-page').then((m) => ({ default: m.StatusPage })));
const DesignerPage = designerPage.Page;
const ContactsPage = contactsPage.Page;
const ContactPage = lazy(() => import('./contacts/contact-page').then((m) => ({ default: m.ContactPage })));
const DealsBoardPage = lazy(() => import('./deals/deals-board-page').then((m) => ({ default: m.DealsBoardPage })));
const TasksPage = lazy(() => import('./tasks/tasks-page').then((m) => ({ default: m.TasksPage })));
const ImportPage = lazy(() => import('./import/import-page').then((m) => ({ default: m.ImportPage })));
const OutboxPage = lazy(() => import('./outbox/outbox-page').then((m) => ({ default: m.OutboxPage })));
const AnalyticsPage = lazy(() => import('./analytics/analytics-page').then((m) => ({ default: m.AnalyticsPage })));
const MailboxOAuthCallbackPage = lazy(() =>
  import('./settings/mailbox-oauth').then((m) => ({ default: m.MailboxOAuthCallbackPage })),
);
const SettingsPage = lazy(() => import('./settings/settings-page').then((m) => ({ default: m.SettingsPage })));
const AccountPage = lazy(() => import('./account/account-page').then((m) => ({ default: m.AccountPage })));
const ApprovalsPage = lazy(() => import('./approvals/approvals-page').then((m) => ({ default: m.ApprovalsPage })));

/** Routes of the web app. The CRM screens (issue 8) add theirs inside the same shell. */
export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<RoleLanding />} />
        <Route
          path="flows"
          element={
            <Suspense fallback={<Typography sx={{ p: 3 }}>Loading flows…</Typography>}>
              <FlowListPage />
            </Suspense>
          }
        />
        <Route
          path="flows/:flowId"
          element={
            <Suspense fallback={<Typography sx={{ p: 3 }}>Loading designer…</Typography>}>
              <DesignerPage />
            </Suspense>
          }
        />
        <Route
          path="contacts"
          element={
            <Suspense fallback={<Typography sx={{ p: 3 }}>Loading contacts…</Typography>}>
              <ContactsPage />
            </Suspense>
          }
        />
        <Route
          path="contacts/:contactId"
          element={
            <Suspense fallback={<Typography sx={{ p: 3 }}>Loading contact…</Typography>}>
              <ContactPage />
            </Suspense>
          }
        />
        {(
          [
            ['deals', <DealsBoardPage key="deals" />],
            ['tasks', <TasksPage key="tasks" />],
            ['import', <ImportPage key="import" />],
            ['outbox/:messageId?', <OutboxPage key="outbox" />],
            ['analytics', <AnalyticsPage key="analytics" />],
            ['settings', <SettingsPage key="settings" />],
            // Where Google and Microsoft send the browser back (OAUTH_CALLBACK_PATH in services).
            ['settings/mailboxes/oauth-callback', <MailboxOAuthCallbackPage key="mailbox-oauth" />],
            ['approvals', <ApprovalsPage key="approvals" />],
            ['account', <AccountPage key="account" />],
            ['audit', <AuditPage key="audit" />],
          ] as const
        ).map(([path, page]) => (
          <Route
            key={path}
            path={path}
            element={<Suspense fallback={<Typography sx={{ p: 3 }}>Loading…</Typography>}>{page}</Suspense>}
          />
        ))}
        <Route
          path="status"
          element={
            <Suspense fallback={<Typography sx={{ p: 3 }}>Loading…</Typography>}>
              <StatusPage />
            </Suspense>
          }
        />
        <Route path="*" element={<RoleLanding />} />
      </Route>
    </Routes>
  );
}
