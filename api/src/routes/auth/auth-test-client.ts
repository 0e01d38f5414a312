import { randomUUID } from 'node:crypto';

/**
 * A tiny browser stand-in for the auth integration tests: keeps the session cookie it is
 * given and sends the CSRF token on writes unless told not to.
 */
export class BrowserClient {
  /** The session cookie pair (`cadenza_session=...`), or undefined when there is none. */
  cookie: string | undefined;
  /** The trusted-device cookie pair (`cadenza_device=...`) a sign-in set, if any. */
  deviceCookie: string | undefined;
  csrfToken: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers; text: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    const cookies = [this.cookie, this.deviceCookie].filter(Boolean);
    if (cookies.length > 0) headers.cookie = cookies.join('; ');
    if (this.csrfToken && options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ''] = setCookie.split(';');
      const value = pair.endsWith('=') ? undefined : pair;
      if (pair.startsWith('cadenza_device=')) this.deviceCookie = value;
      else this.cookie = value;
    }
    const text = await response.text();
    return {
      status: response.status,
      // A download (CSV) is kept as text only.
      body:
        text && response.headers.get('content-type')?.includes('json')
          ? (JSON.parse(text) as Record<string, unknown>)
          : {},
      headers: response.headers,
      text,
    };
  }

  async login(email: string, password: string, extra: Record<string, unknown> = {}) {
    const result = await this.call('POST', '/auth/login', { email, password, ...extra });
    if (result.status === 200) this.csrfToken = result.body.csrfToken as string;
    return result;
  }
}

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;
