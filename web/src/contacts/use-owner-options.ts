import { useCallback, useMemo } from 'react';
import { OWNERSHIP_SCOPED_ROLES, type SessionView } from '@cadenza/core';
import { useWorkspaceMembersQuery } from './contacts-api';
import type { OwnerOption } from './contact-filters';

/**
 * Who owns contacts, by name, for every member; and who a contact list can be filtered by:
 * everyone in the workspace, except for roles that only ever see their own contacts (sales
 * reps), for whom another owner would always be an empty list.
 */
export function useOwnerOptions(session: SessionView): {
  owners: OwnerOption[];
  ownerLabel: (id: string | null) => string;
} {
  const members = useWorkspaceMembersQuery();
  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.id, m.name])), [members.data]);
  const owners = useMemo<OwnerOption[]>(() => {
    const me = { id: session.user.id, label: 'Me' };
    if (OWNERSHIP_SCOPED_ROLES.includes(session.role)) return [me];
    const others = (members.data ?? [])
      .filter((m) => m.id !== session.user.id)
      .map((m) => ({ id: m.id, label: m.name }));
    return [me, ...others];
  }, [members.data, session.user.id, session.role]);
  const ownerLabel = useCallback(
    (id: string | null) => (id ? (id === session.user.id ? 'Me' : (names.get(id) ?? 'a former member')) : '—'),
    [names, session.user.id],
  );
  return { owners, ownerLabel };
}
