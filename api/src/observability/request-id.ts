import { randomUUID } from 'node:crypto';

// A caller-supplied id is kept only when it is short and printable, so a log line can never
// be forged or bloated through the header.
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The id a request is logged and answered under: the caller's X-Request-Id, or a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const candidate = Array.isArray(header) ? header[0] : header;
  return candidate && ACCEPTABLE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}
