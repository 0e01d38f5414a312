import { AppBar, Box, Button, Chip, Toolbar, Typography } from '@mui/material';
import { NavLink, Outlet } from 'react-router-dom';
import { can } from '@cadenza/core';
import { useLogoutMutation, useMeQuery } from '../api/cadenza-api';
import { SignInPage } from './sign-in-page';

const NAV = [
  { to: '/flows', label: 'Flows', permission: 'flows:read' },
  { to: '/status', label: 'Status', permission: null },
] as const;

/** Top bar with navigation by role; shows sign-in until there is a session. */
export function AppShell() {
  const me = useMeQuery();
  const [logout] = useLogoutMutation();
  if (me.isLoading) return <Typography sx={{ p: 3 }}>Loading…</Typography>;
  if (!me.data || me.error) return <SignInPage />;
  const session = me.data;
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'grey.50' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar sx={{ gap: 1 }}>
          <Typography variant="h6" component="span" sx={{ mr: 2 }}>
            Cadenza
          </Typography>
          {NAV.filter((item) => !item.permission || can(session.role, item.permission)).map((item) => (
            <Button key={item.to} color="inherit" component={NavLink} to={item.to}>
              {item.label}
            </Button>
          ))}
          <Box sx={{ flex: 1 }} />
          <Chip
            size="small"
            label={`${session.tenant.name} · ${session.role}`}
            sx={{ color: 'inherit', borderColor: 'inherit' }}
            variant="outlined"
          />
          <Button color="inherit" onClick={() => void logout()}>
            Sign out
          </Button>
        </Toolbar>
      </AppBar>
      <Outlet />
    </Box>
  );
}
