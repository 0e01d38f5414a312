import type { Duplex } from 'node:stream';

/**
 * Node answers a request it cannot parse (a header with control characters, headers too
 * large) itself, before Express sees it, with an empty 400. Clients and the fuzz drill
 * expect the API's JSON error body on every 4xx, so that answer is written here instead.
 */
export function clientErrorResponse(errorCode: string | undefined): string {
  const tooLarge = errorCode === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify(
    tooLarge
      ? { code: 'headers_too_large', message: 'request headers exceed the size limit' }
      : { code: 'bad_request', message: `the HTTP request could not be parsed (${errorCode ?? 'malformed'})` },
  );
  return [
    `HTTP/1.1 ${status}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** The server's 'clientError' listener: a JSON answer when the socket can still take one. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(error.code));
}
