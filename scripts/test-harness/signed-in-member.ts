import { randomUUID } from 'node:crypto';
import type { Role } from '@cadenza/core';
import { inviteTenantUser } from '@cadenza/data';
import type { TestPlatform } from './integration';

/** An API call as one caller: the JSON body parsed, whatever the status. */
export type ApiCall = (
  path: string,
  init?: { method?: string; body?: unknown },
) => Promise<{ status: number; body: ReturnType<typeof JSON.parse> }>;

/**
 * A member of the workspace with `role`, signed in through POST /auth/login as a browser would
 * be, calling the API with that session cookie and its CSRF token: a real user principal (not an
 * API key), for the routes whose answer depends on who the user is.
 */
export async function signedInMember(
  platform: TestPlatform,
  tenantId: string,
  role: Role,
): Promise<{ userId: string; call: ApiCall }> {
  const email = `${role}-${randomUUID()}@example.com`;
  const password = 'correct horse battery staple';
  const { user } = await inviteTenantUser(
    platform.db,
    tenantId,
    { email, role, password },
    { kind: 'system', id: null },
  );
  const login = await fetch(`${platform.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in of a new ${role} answered ${login.status}: ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith('cadenza_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  const call: ApiCall = async (path, init = {}) => {
    const response = await fetch(`${platform.baseUrl}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return { userId: user.id, call };
}
