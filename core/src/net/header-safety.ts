/** RFC 9110 token characters: anything else in a header name is a request-smuggling attempt or a typo. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// CR and LF end a header line; NUL ends it for some servers.
const LINE_BREAK = /[\r\n\0]/;

/** Why a header cannot be sent as written (null when it can), naming the header. */
export function headerProblem(name: string, value: string): string | null {
  if (!HEADER_NAME.test(name))
    return `header name "${name}" is not a valid HTTP token (letters, digits, -, _ and the like)`;
  if (LINE_BREAK.test(value))
    return `header "${name}" contains a line break (CR, LF or NUL), which could inject headers`;
  return null;
}
