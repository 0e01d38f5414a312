import { lazy, Suspense } from 'react';
import { AppBar, Box, Button, Toolbar, Typography } from '@mui/material';
import { NavLink, Outlet } from 'react-router-dom';
import { can } from '@cadenza/core';
import { useLogoutMutation, useMeQuery } from '../api/cadenza-api';
import { TenantSwitch } from '../workspace/tenant-switch';
import { ActiveModelChip } from '../ai/active-model-chip';
import { modelApi } from '../ai/model-api';

// A signed-in page's first paint does not need the sign-in form (its inputs stay out of the shell).
const SignInPage = lazy(() => import('./sign-in-page').then((m) => ({ default: m.SignInPage })));

const NAV = [
  { to: '/flows', label: 'Flows', permission: 'flows:read' },
  { to: '/contacts', label: 'Contacts', permission: 'contacts:read' },
  { to: '/deals', label: 'Deals', permission: 'deals:read' },
  { to: '/tasks', label: 'Tasks', permission: 'tasks:read' },
  { to: '/import', label: 'Import', permission: 'contacts:import' },
  { to: '/outbox', label: 'Outbox', permission: 'runs:read' },
  { to: '/approvals', label: 'Approvals', permission: 'approvals:read' },
  { to: '/analytics', label: 'Analytics', permission: 'runs:read' },
  { to: '/settings', label: 'Settings', permission: 'settings:manage' },
  { to: '/status', label: 'Status', permission: null },
] as const;

/** Top bar with navigation by role; shows sign-in until there is a session. */
export function AppShell() {
  const me = useMeQuery();
  // The model chip widens the top bar, which then wraps: the bar is drawn once the model is known
  // (or failed to load), so the page below does not shift when the chip appears.
  const model = modelApi.useActiveModelQuery(undefined, { skip: !me.data });
  const [logout] = useLogoutMutation();
  // The same bar and text as index.html's first paint, so nothing flashes while the session loads.
  if (me.isLoading || model.isLoading) {
    return (
      <Box sx={{ minHeight: '100vh', bgcolor: 'grey.50' }}>
        <AppBar position="static" elevation={0}>
          <Toolbar>
            <Typography variant="h6" component="span">
              Cadenza
            </Typography>
          </Toolbar>
        </AppBar>
        <Typography sx={{ p: 3 }}>Loading…</Typography>
      </Box>
    );
  }
  if (!me.data || me.error) {
    return (
      <Suspense fallback={<Typography sx={{ p: 3 }}>Loading…</Typography>}>
        <SignInPage />
      </Suspense>
    );
  }
  const session = me.data;
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'grey.50' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar sx={{ gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="span" sx={{ mr: 2 }}>
            Cadenza
          </Typography>
          {NAV.filter((item) => !item.permission || can(session.role, item.permission)).map((item) => (
            <Button key={item.to} color="inherit" component={NavLink} to={item.to}>
              {item.label}
            </Button>
          ))}
          <Box sx={{ flex: 1 }} />
          <ActiveModelChip />
          <TenantSwitch session={session} />
          <Button color="inherit" onClick={() => void logout()}>
            Sign out
          </Button>
        </Toolbar>
      </AppBar>
      <Outlet />
    </Box>
  );
}
