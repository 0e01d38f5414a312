/**
 * Calls `/api/v1` of a test platform with an API key (`Authorization: Bearer`), JSON in and out; the body is
 * null when the answer has none. Answers the status with the parsed body whatever the status.
 */
export function apiKeyCaller(baseUrl: string) {
  return async (key: string, path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}
