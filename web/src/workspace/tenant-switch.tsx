import { Chip, NativeSelect } from '@mui/material';
import type { SessionView } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

const workspaceApi = cadenzaApi.injectEndpoints({
  endpoints: (build) => ({
    switchTenant: build.mutation<SessionView, { tenantId: string }>({
      query: (body) => ({ url: '/auth/switch-tenant', method: 'POST', body }),
    }),
  }),
});

/**
 * The workspace the session acts in, with the role held there; a member of several workspaces
 * switches here. Everything loaded belongs to the old workspace, so the app starts afresh on a
 * page every role has.
 */
export function TenantSwitch({ session }: { session: SessionView }) {
  const [switchTenant, switching] = workspaceApi.useSwitchTenantMutation();
  const others = session.memberships.filter((membership) => membership.tenantId !== session.tenant.id);
  const label = `${session.tenant.name} · ${session.role}`;
  if (others.length === 0) {
    return (
      <Chip
        title={label}
        size="small"
        label={label}
        variant="outlined"
        sx={{ color: 'inherit', borderColor: 'inherit' }}
      />
    );
  }
  const onChange = async (tenantId: string) => {
    const switched = await switchTenant({ tenantId })
      .unwrap()
      .catch(() => undefined);
    if (!switched) return;
    // A fresh start in the new workspace: nothing cached or being edited in the old one survives
    // (the query cache, a designer draft), and no page of the old one asks for its data again in
    // between (a navigation is a transition, the cache reset is not: the designer would refetch
    // its flow in the new workspace, a 404).
    window.location.assign('/flows');
  };
  return (
    <NativeSelect
      value={session.tenant.id}
      disabled={switching.isLoading}
      onChange={(event) => void onChange(event.target.value)}
      inputProps={{ 'aria-label': 'workspace', id: 'workspace-switch' }}
      sx={{
        color: 'inherit',
        fontSize: 14,
        maxWidth: 240,
        '& svg': { color: 'inherit' },
        '&::before': { borderColor: 'rgba(255,255,255,0.5)' },
      }}
    >
      {session.memberships.map((membership) => (
        <option key={membership.tenantId} value={membership.tenantId} style={{ color: 'black' }}>
          {membership.tenantName} · {membership.role}
        </option>
      ))}
    </NativeSelect>
  );
}
