import { randomUUID } from 'node:crypto';
import { createTenant, ensureTenantAdmin, hashSessionToken, listDomainEventsAfter, totpCode } from '@cadenza/data';
import { createTenantWithKey, startTestPlatform, type TestPlatform } from '@cadenza/test-harness/integration';
import { BrowserClient, uniqueEmail } from './auth-test-client';

const PASSWORD = 'correct horse battery staple';

describe('sessions: sign-in, CSRF, progressive delay, trusted devices, TOTP', () => {
  let platform: TestPlatform;
  let tenantId: string;
  let apiKey: string;

  beforeAll(async () => {
    platform = await startTestPlatform(`auth-${randomUUID()}`);
    ({ tenantId, apiKey } = await createTenantWithKey(platform.db, 'Auth tenant'));
  });
  afterAll(() => platform?.stop());

  const newAdmin = async (label = 'admin') => {
    const email = uniqueEmail(label);
    const { userId } = await ensureTenantAdmin(platform.db, { tenantId, email, password: PASSWORD });
    return { email, userId, browser: new BrowserClient(platform.baseUrl) };
  };

  it('signs in with an HTTP-only SameSite=Lax cookie, answers /me, and signs out', async () => {
    const { email, userId, browser } = await newAdmin();
    const login = await browser.login(email.toUpperCase(), PASSWORD);
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      user: { id: userId, email, totpEnabled: false },
      tenant: { id: tenantId, name: 'Auth tenant' },
      role: 'admin',
      csrfToken: expect.any(String),
      memberships: [{ tenantId, tenantName: 'Auth tenant', role: 'admin' }],
    });
    const [setCookie, setDevice] = login.headers.getSetCookie();
    expect(setDevice).toMatch(
      /^cadenza_device=[\w-]{43}; Path=\/api\/v1\/auth; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
    );
    expect(setCookie).toMatch(/^cadenza_session=[\w-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    expect(login.text).not.toMatch(/argon2|password/i);

    // Only the token's SHA-256 is stored.
    const token = browser.cookie!.split('=')[1]!;
    const rows = (await platform.db.query(`SELECT token_hash FROM sessions WHERE user_id = $1`, [userId])) as Array<{
      token_hash: string;
    }>;
    expect(rows).toEqual([{ token_hash: hashSessionToken(token) }]);

    const me = await browser.call('GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: userId }, role: 'admin', csrfToken: browser.csrfToken });

    const logout = await browser.call('POST', '/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toContain('Max-Age=0');
    // The old cookie is dead server-side, not just forgotten by the browser.
    const replay = await fetch(`${platform.baseUrl}/api/v1/auth/me`, {
      headers: { cookie: `cadenza_session=${token}` },
    });
    expect(replay.status).toBe(401);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { email, browser } = await newAdmin();
    const wrong = await browser.login(email, 'not the password');
    const unknown = await browser.login(uniqueEmail('nobody'), 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials' });
    expect(browser.cookie).toBeUndefined();
  });

  /** The user row's counters, read straight from PostgreSQL. */
  const counters = async (userId: string) => {
    const [row] = (await platform.db.query(`SELECT failed_login_count, locked_until FROM users WHERE id = $1`, [
      userId,
    ])) as Array<{ failed_login_count: number; locked_until: Date | null }>;
    return row!;
  };

  it('answers an account in its delay exactly like an unknown email: no lock to detect', async () => {
    const { email, userId } = await newAdmin();
    const attacker = new BrowserClient(platform.baseUrl);
    for (let i = 0; i < 5; i++) expect((await attacker.login(email, `wrong ${i}`)).status).toBe(401);
    expect((await counters(userId)).locked_until).not.toBeNull();
    // The fifth failure started a 1 s delay; stretch it so a slow machine cannot outrun it.
    await platform.db.query(`UPDATE users SET locked_until = now() + interval '1 minute' WHERE id = $1`, [userId]);

    const delayed = await attacker.login(email, PASSWORD);
    const unknown = await attacker.login(uniqueEmail('nobody'), PASSWORD);
    expect(delayed.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(delayed.body).toEqual(unknown.body);
    expect(delayed.headers.get('retry-after')).toBeNull();
    // Turned away unevaluated and uncounted: a flood cannot stretch the delay.
    expect((await counters(userId)).failed_login_count).toBe(5);
  });

  it('never keeps the owner out: their browser passes the delay, and the delay itself stays short', async () => {
    const { email, userId } = await newAdmin();
    const owner = new BrowserClient(platform.baseUrl);
    expect((await owner.login(email, PASSWORD)).status).toBe(200);
    expect(owner.deviceCookie).toMatch(/^cadenza_device=/);

    const attacker = new BrowserClient(platform.baseUrl);
    for (let i = 0; i < 12; i++) await attacker.login(email, `wrong ${i}`);
    const { locked_until } = await counters(userId);
    // Capped at LOGIN_MAX_DELAY_SECONDS (60 s), however many failures: never a 15-minute lock.
    expect(locked_until!.getTime() - Date.now()).toBeLessThanOrEqual(60_000);

    // The owner's browser (a trusted device) signs in with the right password during the attack.
    await platform.db.query(`UPDATE users SET locked_until = now() + interval '1 minute' WHERE id = $1`, [userId]);
    const during = await counters(userId);
    expect(during.failed_login_count).toBeGreaterThanOrEqual(5);
    expect((await owner.call('POST', '/auth/logout')).status).toBe(204);
    expect((await owner.login(email, PASSWORD)).status).toBe(200);
    // ...and the attacker's count stands: the owner's success gives them no fresh free guesses.
    expect(await counters(userId)).toEqual(during);

    // A new browser with the right password gets in as soon as the delay has passed.
    await platform.db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [userId]);
    expect((await new BrowserClient(platform.baseUrl).login(email, PASSWORD)).status).toBe(200);
    expect(await counters(userId)).toEqual({ failed_login_count: 0, locked_until: null });
  });

  it('stops trusting a device after 5 failures through it', async () => {
    const { email, userId } = await newAdmin();
    const browser = new BrowserClient(platform.baseUrl);
    expect((await browser.login(email, PASSWORD)).status).toBe(200);
    // 5 failures on the device, then 6 more on the account (the fifth of which starts its delay).
    for (let i = 0; i < 11; i++) expect((await browser.login(email, `wrong ${i}`)).status).toBe(401);
    const [device] = (await platform.db.query(`SELECT failed_count FROM sign_in_devices WHERE user_id = $1`, [
      userId,
    ])) as Array<{ failed_count: number }>;
    expect(device).toEqual({ failed_count: 5 });
    await platform.db.query(`UPDATE users SET locked_until = now() + interval '1 minute' WHERE id = $1`, [userId]);
    expect((await browser.login(email, PASSWORD)).status).toBe(401);
  });

  it('counts parallel guesses one by one', async () => {
    const { email, userId } = await newAdmin();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => new BrowserClient(platform.baseUrl).login(email, `parallel ${i}`)),
    );
    expect(attempts.map((attempt) => attempt.status)).toEqual(Array(8).fill(401));
    // Each attempt is claimed under the row lock before its hash runs: five were evaluated and
    // counted (the fifth started the 1 s delay), the rest turned away. One more is tolerated in
    // case claiming them took longer than that second on a loaded machine.
    const { failed_login_count } = await counters(userId);
    expect(failed_login_count).toBeGreaterThanOrEqual(5);
    expect(failed_login_count).toBeLessThanOrEqual(6);
  });

  it('requires X-CSRF-Token on session writes, but not on API-key calls', async () => {
    const { email, browser } = await newAdmin();
    await browser.login(email, PASSWORD);
    const body = { name: 'csrf test', role: 'ops' };

    const missing = await browser.call('POST', '/api-keys', body, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ code: 'csrf_token_invalid' });
    const wrong = await browser.call('POST', '/api-keys', body, { csrf: false, headers: { 'x-csrf-token': 'nope' } });
    expect(wrong.status).toBe(403);
    const logoutWithout = await browser.call('POST', '/auth/logout', undefined, { csrf: false });
    expect(logoutWithout.status).toBe(403);

    expect((await browser.call('POST', '/api-keys', body)).status).toBe(201);
    // Reads need no token.
    expect((await browser.call('GET', '/api-keys')).status).toBe(200);

    const viaKey = await fetch(`${platform.baseUrl}/api/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
    expect(viaKey.status).toBe(201);
  });

  it('switches workspace only to one the user belongs to', async () => {
    const { email, userId, browser } = await newAdmin();
    const other = await createTenant(platform.db, 'Second workspace');
    await platform.db.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'ops')`, [
      other.id,
      userId,
    ]);
    await browser.login(email, PASSWORD);
    const switched = await browser.call('POST', '/auth/switch-tenant', { tenantId: other.id });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ tenant: { id: other.id, name: 'Second workspace' }, role: 'ops' });
    // The session now acts as ops there: user management is refused.
    expect((await browser.call('GET', '/users')).status).toBe(403);

    const stranger = await createTenant(platform.db, 'Not mine');
    const refused = await browser.call('POST', '/auth/switch-tenant', { tenantId: stranger.id });
    expect(refused.status).toBe(404);

    // Signing in straight into a chosen workspace works too.
    const direct = new BrowserClient(platform.baseUrl);
    expect((await direct.login(email, PASSWORD, { tenantId: other.id })).body).toMatchObject({ role: 'ops' });
    expect((await direct.login(email, PASSWORD, { tenantId: stranger.id })).status).toBe(403);
  });

  it('enrolls TOTP, then requires a real code at sign-in, and refuses a replayed one', async () => {
    const { email, userId, browser } = await newAdmin('totp');
    await browser.login(email, PASSWORD);

    const enrolled = await browser.call('POST', '/auth/totp/enroll');
    expect(enrolled.status).toBe(200);
    const { secret, otpauthUrl } = enrolled.body as { secret: string; otpauthUrl: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(otpauthUrl).toContain(encodeURIComponent(email));

    // Stored encrypted: the column never holds the base32 secret.
    const [stored] = (await platform.db.query(`SELECT totp_secret_encrypted FROM users WHERE id = $1`, [
      userId,
    ])) as Array<{
      totp_secret_encrypted: string;
    }>;
    expect(stored!.totp_secret_encrypted).toMatch(/^v1\./);
    expect(stored!.totp_secret_encrypted).not.toContain(secret);

    // Not enforced until confirmed.
    expect((await new BrowserClient(platform.baseUrl).login(email, PASSWORD)).status).toBe(200);

    expect((await browser.call('POST', '/auth/totp/confirm', { code: '000000' })).status).toBe(400);
    const now = Math.floor(Date.now() / 1000);
    const confirmCode = await totpCode(secret, now);
    const confirmed = await browser.call('POST', '/auth/totp/confirm', { code: confirmCode });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ totpEnabled: true });
    expect((await browser.call('GET', '/auth/me')).body).toMatchObject({ user: { totpEnabled: true } });

    const fresh = new BrowserClient(platform.baseUrl);
    const needsCode = await fresh.login(email, PASSWORD);
    expect(needsCode.status).toBe(401);
    expect(needsCode.body).toMatchObject({ code: 'totp_required' });
    expect(fresh.cookie).toBeUndefined();
    // The confirming code was used already: replaying it fails.
    expect((await fresh.login(email, PASSWORD, { totp: confirmCode })).body).toMatchObject({ code: 'invalid_totp' });
    // The next step's code (within the drift allowance) is fresh, and signs in.
    const nextCode = await totpCode(secret, now + 30);
    const signedIn = await fresh.login(email, PASSWORD, { totp: nextCode });
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).not.toContain(secret);
    // A wrong password with a good code is still just a wrong password.
    expect((await new BrowserClient(platform.baseUrl).login(email, 'wrong', { totp: nextCode })).body).toMatchObject({
      code: 'invalid_credentials',
    });

    // Disabling needs a fresh code, then sign-in asks for none.
    expect((await browser.call('POST', '/auth/totp/disable', { code: nextCode })).status).toBe(400);
    // Half a minute later a new code exists; rather than wait, forget which step was used last.
    await platform.db.query(`UPDATE users SET totp_last_step = NULL WHERE id = $1`, [userId]);
    const disabled = await browser.call('POST', '/auth/totp/disable', { code: await totpCode(secret) });
    expect(disabled.status).toBe(200);
    expect((await new BrowserClient(platform.baseUrl).login(email, PASSWORD)).status).toBe(200);
  });

  it('changes the own password with the current one, ends the other sessions, and records it', async () => {
    const { email, userId, browser } = await newAdmin('pw');
    const other = new BrowserClient(platform.baseUrl);
    expect((await browser.login(email, PASSWORD)).status).toBe(200);
    expect((await other.login(email, PASSWORD)).status).toBe(200);
    const NEW = 'a brand new passphrase';

    const wrong = await browser.call('POST', '/auth/password', { currentPassword: 'nope', newPassword: NEW });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'wrong_current_password' });
    const short = await browser.call('POST', '/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.details)).toContain('body.newPassword');
    // A write like any other: the CSRF token is required.
    const noCsrf = await browser.call(
      'POST',
      '/auth/password',
      { currentPassword: PASSWORD, newPassword: NEW },
      { csrf: false },
    );
    expect(noCsrf.status).toBe(403);

    const changed = await browser.call('POST', '/auth/password', { currentPassword: PASSWORD, newPassword: NEW });
    expect(changed.status).toBe(204);
    expect((await browser.call('GET', '/auth/me')).status).toBe(200);
    expect((await other.call('GET', '/auth/me')).status).toBe(401);
    expect((await new BrowserClient(platform.baseUrl).login(email, PASSWORD)).status).toBe(401);
    expect((await new BrowserClient(platform.baseUrl).login(email, NEW)).status).toBe(200);
    const events = await listDomainEventsAfter(platform.db.manager, tenantId, 0);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'user.password_changed',
        subjectId: userId,
        actor: { kind: 'user', id: userId },
      }),
    );
  });

  it('asks for the TOTP code to change the password when two-factor sign-in is on', async () => {
    const { email, browser } = await newAdmin('pw-totp');
    await browser.login(email, PASSWORD);
    const { secret } = (await browser.call('POST', '/auth/totp/enroll')).body as { secret: string };
    expect((await browser.call('POST', '/auth/totp/confirm', { code: await totpCode(secret) })).status).toBe(200);
    const body = { currentPassword: PASSWORD, newPassword: 'another new passphrase' };
    const without = await browser.call('POST', '/auth/password', body);
    expect(without.status).toBe(400);
    expect(without.body).toMatchObject({ code: 'totp_required' });
    // The confirming code is spent; the next step's code is fresh.
    const next = await totpCode(secret, Math.floor(Date.now() / 1000) + 30);
    expect((await browser.call('POST', '/auth/password', { ...body, totp: next })).status).toBe(204);
  });

  it('counts wrong TOTP codes on a signed-in account like passwords: no endless guessing with a session', async () => {
    const { email, userId, browser } = await newAdmin('totp-guess');
    await browser.login(email, PASSWORD);
    const { secret } = (await browser.call('POST', '/auth/totp/enroll')).body as { secret: string };
    const right = await totpCode(secret);
    const wrong = right === '000000' ? '111111' : '000000';
    // Five through this trusted browser, then five on the account, the last of which starts its delay.
    for (let i = 0; i < 10; i++)
      expect((await browser.call('POST', '/auth/totp/confirm', { code: wrong })).status).toBe(400);
    expect((await counters(userId)).failed_login_count).toBe(5);
    await platform.db.query(`UPDATE users SET locked_until = now() + interval '1 minute' WHERE id = $1`, [userId]);
    // During the delay even the right code is turned away, with the same answer as a wrong one.
    const turnedAway = await browser.call('POST', '/auth/totp/confirm', { code: right });
    expect(turnedAway.status).toBe(400);
    expect(turnedAway.body).toMatchObject({ code: 'invalid_totp' });
    expect((await browser.call('GET', '/auth/me')).body).toMatchObject({ user: { totpEnabled: false } });
  });

  it('refuses TOTP and session routes to API keys', async () => {
    const response = await fetch(`${platform.baseUrl}/api/v1/auth/totp/enroll`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(response.status).toBe(403);
  });
});
