import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Paper, Tab, Tabs, Typography } from '@mui/material';
import { can, type Permission, type Role } from '@cadenza/core';
import { useMeQuery } from '../api/cadenza-api';
import { useSettingsUsersQuery } from './settings-api';
import { ApiKeysSection } from './api-keys-section';
import { CustomFieldsSection } from './custom-fields-section';
import { MailboxesSection } from './mailboxes-section';
import { PipelinesSection } from './pipelines-section';
import { UsersSection } from './users-section';
import { KnowledgeSection } from '../knowledge/knowledge-section';

/** 'signed_in': every member; the section itself shows what the role may manage. */
type TabAccess = Permission | 'signed_in';

const TABS: Array<{
  id: string;
  label: string;
  permission: TabAccess;
  render: (userId: string, role: Role) => ReactNode;
}> = [
  {
    id: 'users',
    label: 'Users & roles',
    permission: 'users:manage',
    render: (userId) => <UsersSection myUserId={userId} />,
  },
  {
    id: 'mailboxes',
    label: 'Mailboxes',
    // Anyone connects their own mailbox; admins manage the workspace's, every user's and the pools.
    permission: 'signed_in',
    render: (userId, role) => <MailboxesTab userId={userId} admin={can(role, 'settings:manage')} />,
  },
  { id: 'api-keys', label: 'API keys', permission: 'api_keys:manage', render: () => <ApiKeysSection /> },
  { id: 'custom-fields', label: 'Custom fields', permission: 'settings:manage', render: () => <CustomFieldsSection /> },
  { id: 'pipelines', label: 'Pipelines', permission: 'settings:manage', render: () => <PipelinesSection /> },
  {
    id: 'knowledge',
    label: 'Knowledge',
    // Everyone reads the knowledge base; admins and marketers add and delete.
    permission: 'knowledge:read',
    render: (_userId, role) => <KnowledgeSection canManage={can(role, 'knowledge:manage')} />,
  },
];

/** Workspace settings; each tab shows only to roles the API lets manage it. */
export function SettingsPage() {
  const session = useMeQuery().data;
  const [params, setParams] = useSearchParams();
  if (!session) return null;
  const tabs = TABS.filter((tab) => tab.permission === 'signed_in' || can(session.role, tab.permission));
  if (tabs.length === 0) {
    return <Typography sx={{ p: 3 }}>Settings are managed by the workspace’s admins.</Typography>;
  }
  const active = tabs.find((tab) => tab.id === params.get('tab')) ?? tabs[0]!;
  return (
    <Box sx={{ p: 3 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        Settings
      </Typography>
      <Tabs value={active.id} onChange={(_e, id: string) => setParams({ tab: id })} aria-label="settings sections">
        {tabs.map((tab) => (
          <Tab key={tab.id} value={tab.id} label={tab.label} />
        ))}
      </Tabs>
      <Paper variant="outlined" sx={{ p: 2, mt: 1 }}>
        {active.render(session.user.id, session.role)}
      </Paper>
    </Box>
  );
}

/** Admins see whose each mailbox is, by name. */
function MailboxesTab({ userId, admin }: { userId: string; admin: boolean }) {
  const users = useSettingsUsersQuery(undefined, { skip: !admin });
  const names = new Map((users.data ?? []).map((user) => [user.id, user.name ?? user.email]));
  return <MailboxesSection admin={admin} myUserId={userId} userNames={names} />;
}
