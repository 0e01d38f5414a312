import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Typography } from '@mui/material';
import { AppShell } from './shell/app-shell';
import { FlowListPage } from './flows/flow-list-page';
import { StatusPage } from './shell/status-page';

// The designer pulls in @xyflow/react; loading it on demand keeps the first page light.
const DesignerPage = lazy(() => import('./designer/designer-page').then((m) => ({ default: m.DesignerPage })));
const ContactsPage = lazy(() => import('./contacts/contacts-page').then((m) => ({ default: m.ContactsPage })));
// A deep link to the contacts list fetches its code alongside the session check, not after the shell renders.
if (window.location.pathname === '/contacts') void import('./contacts/contacts-page');
const ContactPage = lazy(() => import('./contacts/contact-page').then((m) => ({ default: m.ContactPage })));
const DealsBoardPage = lazy(() => import('./deals/deals-board-page').then((m) => ({ default: m.DealsBoardPage })));
const TasksPage = lazy(() => import('./tasks/tasks-page').then((m) => ({ default: m.TasksPage })));
const ImportPage = lazy(() => import('./import/import-page').then((m) => ({ default: m.ImportPage })));
const OutboxPage = lazy(() => import('./outbox/outbox-page').then((m) => ({ default: m.OutboxPage })));
const AnalyticsPage = lazy(() => import('./analytics/analytics-page').then((m) => ({ default: m.AnalyticsPage })));
const SettingsPage = lazy(() => import('./settings/settings-page').then((m) => ({ default: m.SettingsPage })));
const ApprovalsPage = lazy(() => import('./approvals/approvals-page').then((m) => ({ default: m.ApprovalsPage })));

/** Routes of the web app. The CRM screens (issue 8) add theirs inside the same shell. */
export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to="/flows" replace />} />
        <Route path="flows" element={<FlowListPage />} />
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
            ['approvals', <ApprovalsPage key="approvals" />],
          ] as const
        ).map(([path, page]) => (
          <Route
            key={path}
            path={path}
            element={<Suspense fallback={<Typography sx={{ p: 3 }}>Loading…</Typography>}>{page}</Suspense>}
          />
        ))}
        <Route path="status" element={<StatusPage />} />
        <Route path="*" element={<Navigate to="/flows" replace />} />
      </Route>
    </Routes>
  );
}
