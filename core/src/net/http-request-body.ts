/**
 * Whether an http_request body is JSON: its content-type says so, or, with none given, the
 * body looks like an object or array. Values filled into such a body are escaped as JSON
 * string content, so a contact named `x","role":"admin","y":"` stays one string.
 */
export function bodyIsJson(headers: Readonly<Record<string, string>>, body: string): boolean {
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (contentType !== undefined) return /[/+]json\b/i.test(contentType);
  return /^\s*[[{]/.test(body);
}

/** A value as the inside of a JSON string: quotes, backslashes and control characters escaped. */
export const escapeJsonStringContent = (value: string) => JSON.stringify(value).slice(1, -1);
