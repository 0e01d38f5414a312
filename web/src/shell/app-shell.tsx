import { lazy, Suspense, useDeferredValue, useState } from 'react';
import { AppBar, Box, Button, Toolbar, Typography, useMediaQuery } from '@mui/material';
import { NavLink, Outlet } from 'react-router-dom';
import { can, type Permission, type SessionView } from '@cadenza/core';
import { useLogoutMutation, useMeQuery } from '../api/cadenza-api';
import { TenantSwitch } from '../workspace/tenant-switch';
import { ActiveModelChip } from '../ai/active-model-chip';
import { modelApi } from '../ai/model-api';
import { WIDE_SHELL_QUERY } from './wide-shell';
import { AccountMenu } from './account-menu';

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
] as const;

/** Pages of the person rather than of the work: in the account menu on a wide bar, listed in the compact one. */
const ACCOUNT_LINKS: ReadonlyArray<{ to: string; label: string; permission?: Permission }> = [
  // Every member: anyone connects their own mailbox there; the rest of Settings is the admins'.
  { to: '/settings', label: 'Settings' },
  { to: '/status', label: 'Status' },
  // Admins and ops: who did what (the bar stays one row at 1440 px, so it lives in this menu).
  { to: '/audit', label: 'Audit', permission: 'audit:read' },
  // Every role: one's own password and the invitations to other workspaces.
  { to: '/account', label: 'Account' },
];

/** The account links this role may open. */
const accountLinksFor = (session: SessionView) =>
  ACCOUNT_LINKS.filter((link) => !link.permission || can(session.role, link.permission));

/** The work pages this role may open, as links of the bar. */
function WorkLinks({ session, onNavigate }: { session: SessionView; onNavigate?: () => void }) {
  return NAV.filter((item) => can(session.role, item.permission)).map((item) => (
    <Button
      key={item.to}
      color="inherit"
      component={NavLink}
      to={item.to}
      onClick={onNavigate}
      sx={{ minWidth: 0, px: 1.25 }}
    >
      {item.label}
    </Button>
  ));
}

/** The compact menu: every link, the model in use, the workspace and sign-out. */
function CompactItems({ session, onNavigate }: { session: SessionView; onNavigate?: () => void }) {
  const [logout] = useLogoutMutation();
  return (
    <>
      <WorkLinks session={session} onNavigate={onNavigate} />
      {accountLinksFor(session).map((item) => (
        <Button key={item.to} color="inherit" component={NavLink} to={item.to} onClick={onNavigate}>
          {item.label}
        </Button>
      ))}
      <Box sx={{ flex: 1 }} />
      <ActiveModelChip />
      <TenantSwitch session={session} />
      <Button color="inherit" onClick={() => void logout()}>
        Sign out
      </Button>
    </>
  );
}

/**
 * Top bar with navigation by role; shows sign-in until there is a session. Below the `lg`
 * breakpoint (phones, portrait tablets) the links fold behind a Menu button: eleven links, the model
 * and the workspace would wrap the bar into four rows above every page.
 */
export function AppShell() {
  const me = useMeQuery();
  const compact = !useMediaQuery(WIDE_SHELL_QUERY, { noSsr: true });
  // On a wide screen the model chip sits in the bar, which it may wrap: the bar is drawn once the
  // model is known (or failed to load), so the page below does not shift when the chip appears.
  // A compact bar asks for the model only when its menu opens (the chip asks for it itself).
  const model = modelApi.useActiveModelQuery(undefined, { skip: !me.data || compact });
  const waiting = me.isLoading || (!compact && model.isLoading);
  // Answers arrive as urgent (synchronous) store updates; deferring them lets React draw the shell
  // and the page as a transition, in slices the browser can breathe between (mobile total blocking time).
  const shownWaiting = useDeferredValue(waiting);
  const shownSession = useDeferredValue(me.data && !me.error ? me.data : undefined);
  const [menuOpen, setMenuOpen] = useState(false);
  // The same bar and text as index.html's first paint, so nothing flashes while the session loads.
  if (shownWaiting) {
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
  if (!shownSession) {
    return (
      <Suspense fallback={<Typography sx={{ p: 3 }}>Loading…</Typography>}>
        <SignInPage />
      </Suspense>
    );
  }
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'grey.50' }}>
      <AppBar position="static" elevation={0}>
        {compact ? (
          <>
            <Toolbar sx={{ gap: 1 }}>
              <Typography variant="h6" component="span" sx={{ flex: 1 }}>
                Cadenza
              </Typography>
              <Button
                color="inherit"
                aria-expanded={menuOpen}
                aria-controls="app-menu"
                onClick={() => setMenuOpen((open) => !open)}
              >
                {menuOpen ? 'Close' : 'Menu'}
              </Button>
            </Toolbar>
            {menuOpen && (
              <Toolbar id="app-menu" component="nav" aria-label="main" sx={{ gap: 1, flexWrap: 'wrap', pb: 1 }}>
                <CompactItems session={shownSession} onNavigate={() => setMenuOpen(false)} />
              </Toolbar>
            )}
          </>
        ) : (
          <Toolbar sx={{ gap: 0.5 }}>
            <Typography variant="h6" component="span" sx={{ mr: 1.5 }}>
              Cadenza
            </Typography>
            <Box component="nav" aria-label="main" sx={{ display: 'flex', gap: 0.25, flexShrink: 0 }}>
              <WorkLinks session={shownSession} />
            </Box>
            {/* The chips give way (ellipsis, full text in their title) before the links wrap. */}
            <Box
              sx={{
                flex: 1,
                minWidth: 0,
                display: 'flex',
                gap: 0.5,
                justifyContent: 'flex-end',
                '& > *': { minWidth: 96 },
              }}
            >
              <ActiveModelChip />
              <TenantSwitch session={shownSession} />
            </Box>
            <AccountMenu session={shownSession} links={accountLinksFor(shownSession)} />
          </Toolbar>
        )}
      </AppBar>
      <Outlet />
    </Box>
  );
}
