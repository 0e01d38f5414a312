import { useCallback, useMemo } from 'react';
import { can, type SessionView } from '@cadenza/core';
import { useWorkspaceUsersQuery } from './contacts-api';
import type { OwnerOption } from './contact-filters';

/**
 * Who contacts can be owned by, as far as the signed-in user may know: everyone in the
 * workspace for those who manage users, otherwise just themselves.
 */
export function useOwnerOptions(session: SessionView): {
  owners: OwnerOption[];
  ownerLabel: (id: string | null) => string;
} {
  const users = useWorkspaceUsersQuery(undefined, { skip: !can(session.role, 'users:manage') });
  const owners = useMemo<OwnerOption[]>(() => {
    const me = { id: session.user.id, label: 'Me' };
    const others = (users.data ?? [])
      .filter((u) => u.id !== session.user.id)
      .map((u) => ({ id: u.id, label: u.name ?? u.email }));
    return [me, ...others];
  }, [users.data, session.user.id]);
  const names = useMemo(() => new Map(owners.map((o) => [o.id, o.label])), [owners]);
  const ownerLabel = useCallback((id: string | null) => (id ? (names.get(id) ?? 'another user') : '—'), [names]);
  return { owners, ownerLabel };
}
