import { Chip, NativeSelect } from '@mui/material';
import { useNavigate } from 'react-router-dom';
import type { SessionView } from '@cadenza/core';
import { cadenzaApi, setCsrfToken } from '../api/cadenza-api';
import { useAppDispatch } from '../store';

const workspaceApi = cadenzaApi.injectEndpoints({
  endpoints: (build) => ({
    switchTenant: build.mutation<SessionView, { tenantId: string }>({
      query: (body) => ({ url: '/auth/switch-tenant', method: 'POST', body }),
    }),
  }),
});

/**
 * The workspace the session acts in, with the role held there; a member of several workspaces
 * switches here. Everything cached belongs to the old workspace, so the cache is dropped and the
 * app goes back to a page every role has.
 */
export function TenantSwitch({ session }: { session: SessionView }) {
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const [switchTenant, switching] = workspaceApi.useSwitchTenantMutation();
  const others = session.memberships.filter((membership) => membership.tenantId !== session.tenant.id);
  const label = `${session.tenant.name} · ${session.role}`;
  if (others.length === 0) {
    return <Chip size="small" label={label} variant="outlined" sx={{ color: 'inherit', borderColor: 'inherit' }} />;
  }
  const onChange = async (tenantId: string) => {
    const switched = await switchTenant({ tenantId })
      .unwrap()
      .catch(() => undefined);
    if (!switched) return;
    setCsrfToken(switched.csrfToken);
    navigate('/flows');
    dispatch(cadenzaApi.util.resetApiState());
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
