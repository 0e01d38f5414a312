import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { Typography } from '@mui/material';
import { AppShell } from './shell/app-shell';
import { FlowListPage } from './flows/flow-list-page';
import { StatusPage } from './shell/status-page';

// The designer pulls in @xyflow/react; loading it on demand keeps the first page light.
const DesignerPage = lazy(() => import('./designer/designer-page').then((m) => ({ default: m.DesignerPage })));

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
        <Route path="status" element={<StatusPage />} />
        <Route path="*" element={<Navigate to="/flows" replace />} />
      </Route>
    </Routes>
  );
}
