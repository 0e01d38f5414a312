import { randomUUID } from 'node:crypto';

/**
 * A tiny browser stand-in for the auth integration tests: keeps the session cookie it is
 * given and sends the CSRF token on writes unless told not to.
 */
export class BrowserClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers; text: string }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && pair.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
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
