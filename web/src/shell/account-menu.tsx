import { useEffect, useRef, useState } from 'react';
import { Box, Button, Paper } from '@mui/material';
import { NavLink } from 'react-router-dom';
import type { SessionView } from '@cadenza/core';
import { useLogoutMutation } from '../api/cadenza-api';

export interface MenuLink {
  to: string;
  label: string;
}

/**
 * The signed-in person's menu at the end of the wide bar: their settings, account, the platform
 * status and sign-out, so the bar holds one row at 1440 px. A plain disclosure (no popper in the
 * shell's first bundle); it closes on a choice, on Escape and on a click elsewhere.
 */
export function AccountMenu({ session, links }: { session: SessionView; links: readonly MenuLink[] }) {
  const [open, setOpen] = useState(false);
  const [logout] = useLogoutMutation();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <Box ref={root} sx={{ position: 'relative' }}>
      <Button
        color="inherit"
        aria-expanded={open}
        aria-controls="account-menu"
        aria-label="account menu"
        onClick={() => setOpen((was) => !was)}
        sx={{ textTransform: 'none', whiteSpace: 'nowrap' }}
      >
        {session.user.name ?? session.user.email} ▾
      </Button>
      {open && (
        <Paper
          id="account-menu"
          component="nav"
          aria-label="account"
          elevation={4}
          sx={{
            position: 'absolute',
            right: 0,
            top: '100%',
            zIndex: 'modal',
            display: 'flex',
            flexDirection: 'column',
            minWidth: 160,
            py: 0.5,
          }}
        >
          {links.map((link) => (
            <Button
              key={link.to}
              component={NavLink}
              to={link.to}
              onClick={() => setOpen(false)}
              sx={{ justifyContent: 'flex-start', px: 2 }}
            >
              {link.label}
            </Button>
          ))}
          <Button onClick={() => void logout()} sx={{ justifyContent: 'flex-start', px: 2 }}>
            Sign out
          </Button>
        </Paper>
      )}
    </Box>
  );
}
